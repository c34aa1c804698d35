// Who in Cao Bằng receives the cycle's reminders, escalations and report.
// No mail server is set up for the demo, so the worker's log channel shows
// each message; the addresses are under the reserved `.example` domain.
import { stringify } from 'csv-stringify/sync';
import type { Contact } from '../../domain/notifications';

const office = (role: Contact['role'], level: Contact['level'], name: string, mailbox: string): Contact => ({
  province: 'CB',
  role,
  level,
  name,
  email: `${mailbox}@ocop-caobang.example`,
});

export const CONTACTS: readonly Contact[] = [
  office('coordinator', '', 'Văn phòng Điều phối nông thôn mới tỉnh Cao Bằng', 'vpdp'),
  office('officer', 'district', 'Cán bộ OCOP các huyện', 'can-bo-huyen'),
  office('council_secretary', 'district', 'Thư ký Hội đồng OCOP cấp huyện', 'hoi-dong-huyen'),
  office('council_secretary', 'province', 'Thư ký Hội đồng OCOP cấp tỉnh', 'hoi-dong-tinh'),
  office('council_secretary', 'central', 'Văn phòng Điều phối nông thôn mới Trung ương', 'hoi-dong-trung-uong'),
  office('inspector', '', 'Đoàn hậu kiểm liên ngành tỉnh Cao Bằng', 'hau-kiem'),
];

/** The address book as the province's spreadsheet, for POST /v1/contacts. */
export function contactsCsv(): string {
  const rows = CONTACTS.map((c) => [c.province, c.role, c.level, c.name, c.email]);
  return stringify([['province', 'role', 'level', 'name', 'email'], ...rows], { record_delimiter: 'unix' });
}
