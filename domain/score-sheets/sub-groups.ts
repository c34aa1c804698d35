// The 26 bộ sản phẩm of Decision 148/QĐ-TTg's classification (Phụ lục I), as data.
// No sub-group ships a per-criterion sheet: the criteria, maxima and mandatory marks
// of Phụ lục III could not be found in any published text we could read (see the
// README). Where the names come from is kept per entry.
import type { ProductGroup } from '../schemas';

export interface SubGroup {
  /** `<group>.<slug>`, the id a score sheet for it would carry. */
  id: string;
  group: ProductGroup;
  /** The bộ sản phẩm's Vietnamese name. */
  title: string;
  source: string;
}

const BRANDSVIP = 'https://brandsvip.com.vn/phan-loai-6-nhom-san-pham-tham-gia-chuong-trinh-ocop.html';
// Groups and their count (26 bộ sản phẩm): thuonghieusanpham.vn and hangthat.thuonghieucongluan.com.vn;
// the sub-group names below this line are as public OCOP catalogues list them, not read in the decision.
const CATALOGUES =
  'https://thuonghieusanpham.vn/chu-the-ocop-can-biet-gi-ve-tieu-chi-danh-gia-phan-hang-san-pham-22656.html ' +
  '(26 bộ sản phẩm); names as public OCOP catalogues list them';

const entry = (id: string, group: ProductGroup, title: string, source = CATALOGUES): SubGroup => ({
  id,
  group,
  title,
  source,
});

export const SUB_GROUPS_148: readonly SubGroup[] = [
  entry('food.fresh-produce', 'food', 'Rau, củ, quả, hạt tươi', BRANDSVIP),
  entry('food.fresh-meat', 'food', 'Thịt, thủy sản, trứng, sữa tươi', BRANDSVIP),
  entry('food.grain', 'food', 'Gạo, ngũ cốc, hạt sơ chế khác', BRANDSVIP),
  entry('food.honey', 'food', 'Mật ong, mật khác và nông sản thực phẩm khác', BRANDSVIP),
  entry('food.fast-food', 'food', 'Đồ ăn nhanh', BRANDSVIP),
  entry('food.processed-grain', 'food', 'Chế biến từ gạo, ngũ cốc', BRANDSVIP),
  entry('food.processed-produce', 'food', 'Chế biến từ rau, củ, quả, hạt', BRANDSVIP),
  entry('food.processed-other', 'food', 'Chế biến từ thịt, thủy sản, trứng, sữa, mật ong và nông sản thực phẩm khác'),
  entry('food.liquid-seasoning', 'food', 'Tương, nước mắm, gia vị dạng lỏng khác'),
  entry('food.seasoning', 'food', 'Gia vị khác'),
  entry('food.tea', 'food', 'Chè tươi, chè chế biến'),
  entry('food.plant-tea', 'food', 'Sản phẩm trà từ thực vật khác'),
  entry('food.coffee-cocoa', 'food', 'Cà phê, ca cao'),
  entry('beverage.white-spirit', 'beverage', 'Rượu trắng'),
  entry('beverage.other-alcoholic', 'beverage', 'Đồ uống có cồn khác'),
  entry('beverage.water', 'beverage', 'Nước khoáng thiên nhiên, nước uống đóng chai'),
  entry('beverage.other-soft', 'beverage', 'Đồ uống không cồn khác'),
  entry('herbal.medicinal', 'herbal', 'Thực phẩm chức năng, thuốc dược liệu, thuốc cổ truyền'),
  entry('herbal.cosmetics', 'herbal', 'Mỹ phẩm có thành phần từ dược liệu'),
  entry('herbal.oils', 'herbal', 'Tinh dầu và dược liệu khác'),
  entry('handicraft.crafts', 'handicraft', 'Thủ công mỹ nghệ gia dụng, trang trí'),
  entry('handicraft.textiles', 'handicraft', 'Vải, may mặc'),
  entry('ornamental.flowers', 'ornamental', 'Hoa'),
  entry('ornamental.plants', 'ornamental', 'Cây cảnh'),
  entry('ornamental.animals', 'ornamental', 'Động vật cảnh'),
  entry('tourism.sites', 'tourism', 'Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch'),
];
