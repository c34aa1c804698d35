// Forty products of Cao Bằng for the 2023 demo cycle: the province's real
// product kinds in all six groups, from cooperatives, enterprises, household
// businesses and cooperative groups, each with the fate the script gives it.
// The mix is chosen so that the report can be read against Kế hoạch
// 1070/KH-UBND: 32 certified (30 wanted), 5 at 4 stars or more (2 wanted),
// 15 of 37 subjects cooperatives (40% wanted) and 12 enterprises (30% wanted).
import type { ProductGroup, Subject, SubjectType } from '../../domain/schemas';
import type { ScoreSheet } from '../../domain/scoring';

/** The districts (huyện) and the city of Cao Bằng in 2023, after the mergers of 2020. */
export type District =
  | 'Thành phố Cao Bằng'
  | 'Bảo Lâm'
  | 'Bảo Lạc'
  | 'Hà Quảng'
  | 'Hạ Lang'
  | 'Hòa An'
  | 'Nguyên Bình'
  | 'Quảng Hòa'
  | 'Thạch An'
  | 'Trùng Khánh';

/** Each district's GSO administrative code, as products are registered with (see domain/units.ts). */
export const DISTRICT_CODE: Readonly<Record<District, string>> = {
  'Thành phố Cao Bằng': '040',
  'Bảo Lâm': '042',
  'Bảo Lạc': '043',
  'Hà Quảng': '045',
  'Trùng Khánh': '047',
  'Hạ Lang': '048',
  'Quảng Hòa': '049',
  'Hòa An': '051',
  'Nguyên Bình': '052',
  'Thạch An': '053',
};

/** Council totals are the mean of five members' sheets, so each is a multiple of 0.2. */
export type Fate =
  /** Registers and never submits its dossier: the application lapses after the deadline and its grace. */
  | { kind: 'lapses' }
  | { kind: 'rejected'; reason: string }
  | {
      kind: 'scored';
      /** What the district officer asks for before accepting the dossier. */
      supplement?: string[];
      district: number;
      /** Only for products the district forwards (70 or more), and so on up the chain. */
      province?: number;
      central?: number;
      mandatoryFailed?: string[];
    };

export type ScoredFate = Extract<Fate, { kind: 'scored' }>;

export interface DemoProduct {
  name: string;
  group: ProductGroup;
  district: District;
  subject: Subject;
  fate: Fate;
}

/** `Hợp tác xã Nông nghiệp Đông Khê` -> `hop-tac-xa-nong-nghiep-dong-khe`, for ids people can read. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const subject =
  (type: SubjectType) =>
  (name: string): Subject => ({ id: slug(name), name, type });
const coop = subject('cooperative');
const enterprise = subject('enterprise');
const household = subject('household');
const group = subject('cooperative_group');

const scored = (district: number, more: Omit<ScoredFate, 'kind' | 'district'> = {}): ScoredFate => ({
  kind: 'scored',
  district,
  ...more,
});

const PHIA_DEN = coop('HTX Nông nghiệp Phia Đén');
const NAM_QUANG = coop('HTX Dịch vụ nông nghiệp Nam Quang');
const BAO_LAC = coop('HTX Nông lâm nghiệp Bảo Lạc');

export const PRODUCTS: readonly DemoProduct[] = [
  // Food (thực phẩm)
  {
    name: 'Hạt dẻ Trùng Khánh',
    group: 'food',
    district: 'Trùng Khánh',
    subject: coop('HTX Nông nghiệp Hạt dẻ Trùng Khánh'),
    fate: scored(84.6, { province: 91.4, central: 92.2 }),
  },
  {
    name: 'Miến dong Phia Đén',
    group: 'food',
    district: 'Nguyên Bình',
    subject: PHIA_DEN,
    fate: scored(76.4, { province: 74.8 }),
  },
  { name: 'Bột dong riềng Phia Đén', group: 'food', district: 'Nguyên Bình', subject: PHIA_DEN, fate: scored(62) },
  {
    name: 'Thạch đen Thạch An',
    group: 'food',
    district: 'Thạch An',
    subject: enterprise('Công ty TNHH Thạch đen Đức Xuân'),
    fate: scored(78.2, { province: 77.6 }),
  },
  {
    name: 'Chè shan tuyết Phja Oắc',
    group: 'food',
    district: 'Nguyên Bình',
    subject: coop('HTX Chè Phja Oắc'),
    fate: scored(72.8, { province: 71.6 }),
  },
  {
    name: 'Lạp sườn hun khói',
    group: 'food',
    district: 'Thành phố Cao Bằng',
    subject: enterprise('Công ty TNHH Thực phẩm Bằng Giang'),
    fate: scored(66.8, { supplement: ['Phiếu kết quả kiểm nghiệm chỉ tiêu vi sinh'] }),
  },
  {
    name: 'Bánh cuốn Cao Bằng',
    group: 'food',
    district: 'Thành phố Cao Bằng',
    subject: household('Hộ kinh doanh Nông Thị Thu'),
    fate: scored(58.4),
  },
  {
    name: 'Lê Đông Khê',
    group: 'food',
    district: 'Thạch An',
    subject: coop('HTX Nông nghiệp Đông Khê'),
    fate: scored(61.2),
  },
  {
    name: 'Quýt Trà Lĩnh',
    group: 'food',
    district: 'Trùng Khánh',
    subject: coop('HTX Nông nghiệp Quýt Trà Lĩnh'),
    fate: scored(64.6),
  },
  {
    name: 'Hồng không hạt Bảo Lạc',
    group: 'food',
    district: 'Bảo Lạc',
    subject: BAO_LAC,
    fate: scored(60.4, { supplement: ['Hồ sơ truy xuất nguồn gốc', 'Mẫu nhãn hàng hóa'] }),
  },
  {
    name: 'Măng khô Bảo Lạc',
    group: 'food',
    district: 'Bảo Lạc',
    subject: BAO_LAC,
    fate: scored(56),
  },
  {
    name: 'Gạo nếp hương Hòa An',
    group: 'food',
    district: 'Hòa An',
    subject: coop('HTX Nông nghiệp Hồng Việt'),
    fate: scored(57.6),
  },
  {
    name: 'Bánh khẩu sli Nước Hai',
    group: 'food',
    district: 'Hòa An',
    subject: enterprise('Công ty TNHH Khẩu sli Nước Hai'),
    fate: scored(55.2),
  },
  {
    name: 'Thịt trâu gác bếp',
    group: 'food',
    district: 'Thành phố Cao Bằng',
    subject: enterprise('Công ty TNHH Đặc sản Non Nước Cao Bằng'),
    fate: scored(63.8),
  },
  {
    name: 'Đường phên Phục Hòa',
    group: 'food',
    district: 'Quảng Hòa',
    subject: group('Tổ hợp tác mía đường Phục Hòa'),
    fate: scored(46.8),
  },
  {
    name: 'Mắc mật Hạ Lang',
    group: 'food',
    district: 'Hạ Lang',
    subject: household('Hộ kinh doanh Lục Văn Tình'),
    fate: { kind: 'lapses' },
  },
  {
    name: 'Thịt lợn đen hun khói',
    group: 'food',
    district: 'Bảo Lâm',
    subject: NAM_QUANG,
    // The food-safety certificate of the smoking house had expired.
    fate: scored(58.8, { mandatoryFailed: ['giay-chung-nhan-co-so-du-dieu-kien-attp'] }),
  },
  {
    name: 'Bánh khảo Cao Bằng',
    group: 'food',
    district: 'Thành phố Cao Bằng',
    subject: enterprise('Công ty TNHH Bánh kẹo Hương Quê'),
    fate: scored(59.8),
  },
  {
    name: 'Mật ong bạc hà Bảo Lạc',
    group: 'food',
    district: 'Bảo Lạc',
    subject: coop('HTX Nuôi ong Bảo Lạc'),
    fate: scored(63.2),
  },
  {
    name: 'Tinh bột nghệ Hòa An',
    group: 'food',
    district: 'Hòa An',
    subject: enterprise('Công ty TNHH Nông sản sạch Hòa An'),
    fate: { kind: 'lapses' },
  },
  // Beverages (đồ uống)
  {
    name: 'Rượu men lá Hà Quảng',
    group: 'beverage',
    district: 'Hà Quảng',
    subject: household('Hộ kinh doanh Lý Văn Sình'),
    fate: scored(54.4, { supplement: ['Bản tự công bố chất lượng sản phẩm'] }),
  },
  { name: 'Rượu ngô Bảo Lâm', group: 'beverage', district: 'Bảo Lâm', subject: NAM_QUANG, fate: scored(57) },
  {
    name: 'Nước cốt quýt Trà Lĩnh',
    group: 'beverage',
    district: 'Trùng Khánh',
    subject: enterprise('Công ty CP Nông sản Trà Lĩnh'),
    fate: scored(44.2),
  },
  {
    name: 'Rượu nếp cẩm Ca Thành',
    group: 'beverage',
    district: 'Nguyên Bình',
    subject: group('Tổ hợp tác nấu rượu Ca Thành'),
    fate: { kind: 'lapses' },
  },
  {
    name: 'Rượu thóc men lá Quảng Hòa',
    group: 'beverage',
    district: 'Quảng Hòa',
    subject: coop('HTX Dịch vụ nông nghiệp Quảng Hòa'),
    fate: scored(56.2),
  },
  // Medicinal herbs and herbal products (dược liệu và sản phẩm từ dược liệu)
  {
    name: 'Trà giảo cổ lam',
    group: 'herbal',
    district: 'Hà Quảng',
    subject: enterprise('Công ty TNHH Dược liệu Pác Bó'),
    fate: scored(75.6, { province: 73.4 }),
  },
  {
    name: 'Chè đắng Cao Bằng',
    group: 'herbal',
    district: 'Thạch An',
    subject: enterprise('Công ty CP Chè đắng Cao Bằng'),
    fate: scored(65),
  },
  {
    name: 'Tinh dầu hồi Thạch An',
    group: 'herbal',
    district: 'Thạch An',
    subject: enterprise('Công ty TNHH Tinh dầu Đức Long'),
    fate: scored(61.8, { supplement: ['Phiếu kiểm nghiệm hàm lượng anethol'] }),
  },
  {
    name: 'Lan kim tuyến sấy khô',
    group: 'herbal',
    district: 'Nguyên Bình',
    subject: coop('HTX Dược liệu Nguyên Bình'),
    fate: scored(59),
  },
  {
    name: 'Thuốc tắm người Dao',
    group: 'herbal',
    district: 'Nguyên Bình',
    subject: household('Hộ kinh doanh Triệu Thị Mai'),
    fate: scored(56.6),
  },
  {
    name: 'Trà dây Cao Bằng',
    group: 'herbal',
    district: 'Hà Quảng',
    subject: enterprise('Công ty CP Dược liệu Hà Quảng'),
    fate: scored(60),
  },
  // Handicrafts (thủ công mỹ nghệ)
  {
    name: 'Dao rèn Phúc Sen',
    group: 'handicraft',
    district: 'Quảng Hòa',
    subject: coop('HTX Rèn Phúc Sen'),
    fate: scored(68.2),
  },
  {
    name: 'Hương Phja Thắp',
    group: 'handicraft',
    district: 'Nguyên Bình',
    subject: group('Tổ hợp tác làm hương Phja Thắp'),
    fate: scored(55.8),
  },
  {
    name: 'Giấy bản Phja Chang',
    group: 'handicraft',
    district: 'Nguyên Bình',
    subject: household('Hộ kinh doanh Bàn Thị Ngọc'),
    fate: scored(52.4),
  },
  {
    name: 'Khăn thổ cẩm Tày – Nùng',
    group: 'handicraft',
    district: 'Quảng Hòa',
    subject: coop('HTX Dệt thổ cẩm Quảng Hòa'),
    fate: scored(58),
  },
  {
    name: 'Giỏ mây tre đan',
    group: 'handicraft',
    district: 'Hòa An',
    subject: household('Hộ ông Đàm Văn Páo'),
    fate: {
      kind: 'rejected',
      reason: 'Chủ thể chưa có giấy chứng nhận đăng ký hộ kinh doanh nên chưa đủ điều kiện tham gia Chương trình OCOP',
    },
  },
  // Ornamental plants and animals (sinh vật cảnh)
  {
    name: 'Lan kim tuyến trồng chậu',
    group: 'ornamental',
    district: 'Nguyên Bình',
    subject: enterprise('Công ty TNHH Nông nghiệp công nghệ cao Cao Bằng'),
    fate: scored(47.4),
  },
  // Community tourism, eco-tourism and tourist sites (du lịch cộng đồng, du lịch sinh thái và điểm du lịch)
  {
    name: 'Du lịch cộng đồng làng đá Khuổi Ky',
    group: 'tourism',
    district: 'Trùng Khánh',
    subject: coop('HTX Du lịch cộng đồng Khuổi Ky'),
    fate: scored(67),
  },
  {
    name: 'Homestay Bản Gun',
    group: 'tourism',
    district: 'Trùng Khánh',
    subject: household('Hộ kinh doanh Hoàng Văn Tuấn'),
    fate: scored(57.4),
  },
  {
    name: 'Du lịch cộng đồng Hoài Khao',
    group: 'tourism',
    district: 'Nguyên Bình',
    subject: coop('HTX Du lịch cộng đồng Hoài Khao'),
    fate: scored(53.6),
  },
];

/** What every subject sends under Decision 148: a light dossier. */
export const DOSSIER = [
  'Phiếu đăng ký sản phẩm OCOP',
  'Phương án sản xuất kinh doanh',
  'Báo cáo tự đánh giá sản phẩm',
  'Giấy chứng nhận đăng ký kinh doanh',
  'Bản tự công bố chất lượng sản phẩm',
  'Nhãn và bao bì sản phẩm',
];

/** The council's appointed members, chair included: every one of them scores. */
export const COUNCIL_SIZE = 5;
const MEMBERS = COUNCIL_SIZE;
/** How far each member's total strays from the council's mean; they add up to nothing. */
const SPREAD = [-3, 2, 0, 3, -2];
const MAX = { A: 40, B: 25, C: 35 };

/**
 * Five members' sheets (phiếu chấm điểm) whose mean is `total`, in whole
 * points per part as members write them, each part within the 148 maxima.
 * `seed` turns the spread so that no two products look alike.
 */
export function councilSheets(total: number, seed: number): ScoreSheet[] {
  const sum = Math.round(total * MEMBERS);
  return SPREAD.map((_, i) => {
    const offset = SPREAD[(i + seed) % MEMBERS] ?? 0;
    const points = Math.floor(sum / MEMBERS) + (i < sum % MEMBERS ? 1 : 0) + offset;
    // Members differ in where they find strength: some give part A a point that others give C.
    const A = Math.round(points * 0.4) - ((i + seed) % 2);
    const B = Math.min(MAX.B, Math.round(points * 0.25));
    const C = Math.min(MAX.C, points - A - B);
    // The first sheet is the chair's (Chủ tịch Hội đồng), whom the quorum counts.
    return { memberId: `tv-${i + 1}`, parts: { A: points - B - C, B, C }, ...(i === 0 ? { chair: true } : {}) };
  });
}
