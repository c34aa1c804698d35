// Vietnam's provinces as this engine names them. No national standard gives
// them short letter codes, so these are the engine's own, in the usual
// abbreviations. Since 12/06/2025 there are 34 provincial units; the 29 merged
// away keep their codes because cycles before the merger (the 2023 cycle, say)
// still run under them.
export interface Province {
  code: string;
  name: string;
  /** For a province merged away in 2025: the province it became part of. */
  mergedInto?: string;
}

/** The 34 provincial units from 12/06/2025: six cities, then the provinces. */
const CURRENT: readonly Province[] = [
  { code: 'HN', name: 'Hà Nội' },
  { code: 'HUE', name: 'Huế' },
  { code: 'HP', name: 'Hải Phòng' },
  { code: 'DNG', name: 'Đà Nẵng' },
  { code: 'HCM', name: 'Thành phố Hồ Chí Minh' },
  { code: 'CT', name: 'Cần Thơ' },
  { code: 'TQ', name: 'Tuyên Quang' },
  { code: 'CB', name: 'Cao Bằng' },
  { code: 'LCH', name: 'Lai Châu' },
  { code: 'LCA', name: 'Lào Cai' },
  { code: 'TN', name: 'Thái Nguyên' },
  { code: 'DB', name: 'Điện Biên' },
  { code: 'LS', name: 'Lạng Sơn' },
  { code: 'SL', name: 'Sơn La' },
  { code: 'PT', name: 'Phú Thọ' },
  { code: 'BN', name: 'Bắc Ninh' },
  { code: 'QN', name: 'Quảng Ninh' },
  { code: 'HY', name: 'Hưng Yên' },
  { code: 'NB', name: 'Ninh Bình' },
  { code: 'TH', name: 'Thanh Hóa' },
  { code: 'NA', name: 'Nghệ An' },
  { code: 'HT', name: 'Hà Tĩnh' },
  { code: 'QT', name: 'Quảng Trị' },
  { code: 'QNG', name: 'Quảng Ngãi' },
  { code: 'GL', name: 'Gia Lai' },
  { code: 'KH', name: 'Khánh Hòa' },
  { code: 'LD', name: 'Lâm Đồng' },
  { code: 'DL', name: 'Đắk Lắk' },
  { code: 'DNA', name: 'Đồng Nai' },
  { code: 'TNI', name: 'Tây Ninh' },
  { code: 'VL', name: 'Vĩnh Long' },
  { code: 'DT', name: 'Đồng Tháp' },
  { code: 'CM', name: 'Cà Mau' },
  { code: 'AG', name: 'An Giang' },
];

/** The 29 provinces merged into others on 12/06/2025. */
const MERGED: readonly Province[] = [
  { code: 'HG', name: 'Hà Giang', mergedInto: 'TQ' },
  { code: 'YB', name: 'Yên Bái', mergedInto: 'LCA' },
  { code: 'BK', name: 'Bắc Kạn', mergedInto: 'TN' },
  { code: 'VP', name: 'Vĩnh Phúc', mergedInto: 'PT' },
  { code: 'HB', name: 'Hòa Bình', mergedInto: 'PT' },
  { code: 'BG', name: 'Bắc Giang', mergedInto: 'BN' },
  { code: 'TB', name: 'Thái Bình', mergedInto: 'HY' },
  { code: 'HD', name: 'Hải Dương', mergedInto: 'HP' },
  { code: 'HNA', name: 'Hà Nam', mergedInto: 'NB' },
  { code: 'ND', name: 'Nam Định', mergedInto: 'NB' },
  { code: 'QB', name: 'Quảng Bình', mergedInto: 'QT' },
  { code: 'QNA', name: 'Quảng Nam', mergedInto: 'DNG' },
  { code: 'KT', name: 'Kon Tum', mergedInto: 'QNG' },
  { code: 'BD', name: 'Bình Định', mergedInto: 'GL' },
  { code: 'NT', name: 'Ninh Thuận', mergedInto: 'KH' },
  { code: 'DNO', name: 'Đắk Nông', mergedInto: 'LD' },
  { code: 'BTH', name: 'Bình Thuận', mergedInto: 'LD' },
  { code: 'PY', name: 'Phú Yên', mergedInto: 'DL' },
  { code: 'BP', name: 'Bình Phước', mergedInto: 'DNA' },
  { code: 'BDU', name: 'Bình Dương', mergedInto: 'HCM' },
  { code: 'BRV', name: 'Bà Rịa – Vũng Tàu', mergedInto: 'HCM' },
  { code: 'LA', name: 'Long An', mergedInto: 'TNI' },
  { code: 'BTR', name: 'Bến Tre', mergedInto: 'VL' },
  { code: 'TV', name: 'Trà Vinh', mergedInto: 'VL' },
  { code: 'TG', name: 'Tiền Giang', mergedInto: 'DT' },
  { code: 'HGI', name: 'Hậu Giang', mergedInto: 'CT' },
  { code: 'ST', name: 'Sóc Trăng', mergedInto: 'CT' },
  { code: 'BL', name: 'Bạc Liêu', mergedInto: 'CM' },
  { code: 'KG', name: 'Kiên Giang', mergedInto: 'AG' },
];

export const PROVINCES: readonly Province[] = [...CURRENT, ...MERGED];

export function findProvince(code: string): Province | undefined {
  return PROVINCES.find((p) => p.code === code);
}

/**
 * The last year whose cycles may name the 63 provinces: the merger (Nghị quyết 202/2025/QH15) took effect on
 * 12/06/2025, when that year's cycles were already running under the old ones.
 */
export const LAST_YEAR_OF_63 = 2025;

const named = (p: Province) => `${p.code} (${p.name})`;

/** Why `code` names no province at all, or undefined: contacts and grants take any of the 63. */
export function unknownProvince(code: string): string | undefined {
  return findProvince(code) ? undefined : `unknown province "${code}": must be a province code such as CB (Cao Bằng)`;
}

/** Why a cycle of `year` may not name `code`: the 63 until 2025, the 34 from 2026. */
export function provinceOfYearRefusal(code: string, year: number): string | undefined {
  const unknown = unknownProvince(code);
  if (unknown) return unknown;
  const province = findProvince(code);
  const into = province?.mergedInto === undefined ? undefined : findProvince(province.mergedInto);
  if (!province || !into || year <= LAST_YEAR_OF_63) return undefined;
  return `${named(province)} was merged into ${named(into)} on 12/06/2025: a cycle of ${year} is ${into.code}'s`;
}
