// Vietnam keeps UTC+7 all year (no daylight saving), so dates for people are
// formatted by shifting seven hours; this stays deterministic inside workflows.
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

/** dd/MM/yyyy in the Asia/Ho_Chi_Minh time zone. */
export function formatDateVN(instant: string | Date): string {
  const shifted = new Date(new Date(instant).getTime() + VN_OFFSET_MS);
  const dd = String(shifted.getUTCDate()).padStart(2, '0');
  const mm = String(shifted.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${shifted.getUTCFullYear()}`;
}

/** dd/MM/yyyy HH:mm in the Asia/Ho_Chi_Minh time zone, for compressed calendars where the hour matters. */
export function formatDateTimeVN(instant: string | Date): string {
  const shifted = new Date(new Date(instant).getTime() + VN_OFFSET_MS);
  const hh = String(shifted.getUTCHours()).padStart(2, '0');
  const mi = String(shifted.getUTCMinutes()).padStart(2, '0');
  return `${formatDateVN(instant)} ${hh}:${mi}`;
}
