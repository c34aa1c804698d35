// The people and the service of the dev OpenID provider, with the grants each is
// meant to hold in Cao Bằng (CB). The provider only authenticates them; the
// grants are data here so that seeding and tests give each the same authority.
import type { GrantInput } from '../../domain/access';

/** Every demo person's password; the provider is for development and tests only. */
export const DEMO_PASSWORD = 'ocop-demo-2023';

export interface DemoAccount {
  /** The login, which is also the OIDC `sub`. */
  login: string;
  /** The display name, carried in access tokens as `name`. */
  name: string;
  grants: readonly GrantInput[];
}

export interface DemoServiceClient {
  /** The client id, which is also the `sub` of its client-credentials tokens. */
  clientId: string;
  secret: string;
  grants: readonly GrantInput[];
}

const CB = 'CB';
const TRUNG_KHANH = '047';
const HOA_AN = '051';

/**
 * Producers' subject ids as `slug` of scripts/demo/products.ts makes them from the
 * subject's name, so a producer sees the demo cycle's products of its own subject.
 */
export const DEMO_SUBJECT_IDS = {
  hatDeTrungKhanh: 'htx-nong-nghiep-hat-de-trung-khanh',
  nongSanHoaAn: 'cong-ty-tnhh-nong-san-sach-hoa-an',
  nongThiThu: 'ho-kinh-doanh-nong-thi-thu',
} as const;

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    login: 'nong.thi.ha',
    name: 'Nông Thị Hà',
    grants: [
      { role: 'coordinator', scope: { province: CB } },
      { role: 'province_admin', scope: { province: CB } },
    ],
  },
  {
    login: 'be.van.duc',
    name: 'Bế Văn Đức',
    grants: [{ role: 'dossier_officer', scope: { province: CB, unit: TRUNG_KHANH, level: 'district' } }],
  },
  {
    login: 'luc.thi.mai',
    name: 'Lục Thị Mai',
    grants: [{ role: 'council_secretary', scope: { province: CB, unit: TRUNG_KHANH, level: 'district' } }],
  },
  {
    login: 'hoang.van.nam',
    name: 'Hoàng Văn Nam',
    grants: [{ role: 'dossier_officer', scope: { province: CB, unit: HOA_AN, level: 'district' } }],
  },
  {
    login: 'ma.thi.lan',
    name: 'Ma Thị Lan',
    grants: [{ role: 'council_secretary', scope: { province: CB, unit: HOA_AN, level: 'district' } }],
  },
  {
    login: 'dam.quang.vinh',
    name: 'Đàm Quang Vinh',
    grants: [{ role: 'council_secretary', scope: { province: CB, level: 'province' } }],
  },
  {
    login: 'trieu.thi.hong',
    name: 'Triệu Thị Hồng',
    grants: [{ role: 'inspector', scope: { province: CB } }],
  },
  {
    login: 'htx.hatde',
    name: 'HTX Nông nghiệp Hạt dẻ Trùng Khánh',
    grants: [{ role: 'subject', scope: { province: CB, subjectId: DEMO_SUBJECT_IDS.hatDeTrungKhanh } }],
  },
  {
    login: 'cty.nongsan.hoaan',
    name: 'Công ty TNHH Nông sản sạch Hòa An',
    grants: [{ role: 'subject', scope: { province: CB, subjectId: DEMO_SUBJECT_IDS.nongSanHoaAn } }],
  },
  {
    login: 'hkd.nongthithu',
    name: 'Hộ kinh doanh Nông Thị Thu',
    grants: [{ role: 'subject', scope: { province: CB, subjectId: DEMO_SUBJECT_IDS.nongThiThu } }],
  },
];

export const DEMO_SERVICE_CLIENTS: readonly DemoServiceClient[] = [
  {
    clientId: 'portal-caobang',
    secret: process.env.OCOP_DEV_PORTAL_SECRET ?? 'portal-caobang-dev-secret',
    grants: [{ role: 'coordinator', scope: { province: CB } }],
  },
];

export function findDemoAccount(login: string): DemoAccount | undefined {
  return DEMO_ACCOUNTS.find((account) => account.login === login);
}
