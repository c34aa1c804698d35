// What the app learns from the API before anyone signs in: which OpenID provider to send people to, under which
// client, for which audience, and where operators read workflow histories.
import { z } from 'zod';

export const WebConfig = z.object({
  issuer: z.url(),
  clientId: z.string().min(1),
  audience: z.string().min(1),
  scope: z.string().min(1),
  temporalUi: z.object({ url: z.url(), namespace: z.string() }).nullable(),
});
export type WebConfig = z.infer<typeof WebConfig>;

export async function loadWebConfig(): Promise<WebConfig> {
  const response = await fetch('/v1/web-config', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /v1/web-config answered ${response.status}`);
  return WebConfig.parse(await response.json());
}
