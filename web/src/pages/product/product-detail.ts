// A product's page reads one answer, GET /v1/products/{id}: the read model's row, the workflow's state, the
// timeline with who acted, the score sheets, the certificate and the inspections; what the signed-in person may do
// now (`actions`, decided by the API alone) and, for the province's staff, the workflow in Temporal UI.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { RevocationGround } from '../../../../domain/recognition';

export type ProductDetail = paths['/v1/products/{productId}']['get']['responses'][200]['content']['application/json'];
export type OfferedAction = ProductDetail['actions'][number];
export type TimelineEntry = ProductDetail['timeline'][number];
export type ScoreSheetRow = ProductDetail['scores'][number];
export type LevelSummary = ProductDetail['state']['scores'][number];
export type CertificateRow = NonNullable<ProductDetail['certificate']>;
export type InspectionRow = ProductDetail['inspections'][number];

export function useProductDetail(productId: string) {
  return useQuery({
    queryKey: ['product', productId],
    queryFn: () => unwrap(api.GET('/v1/products/{productId}', { params: { path: { productId } } })),
  });
}

/** The latest inspection that ended in `outcome`. */
export function latestInspection(inspections: readonly InspectionRow[], outcome: string): InspectionRow | undefined {
  return [...inspections].reverse().find((row) => row.outcome === outcome);
}

/** The ground the latest inspection proposed revocation on, which the authority's decision starts from. */
export function proposedGround(inspections: readonly InspectionRow[]): RevocationGround | undefined {
  const ground = RevocationGround.safeParse(latestInspection(inspections, 'revocation-proposed')?.details.ground);
  return ground.success ? ground.data : undefined;
}
