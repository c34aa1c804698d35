// Dates for people, in the Asia/Ho_Chi_Minh time zone whatever the machine's: Intl reads the zone's rules
// from ICU, and Vietnam has kept UTC+7 since 1975, so the same instant reads the same inside workflows too.
const VN_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

type Part = 'day' | 'month' | 'year' | 'hour' | 'minute';

function partsVN(instant: string | Date): Record<Part, string> {
  const parts = VN_PARTS.formatToParts(new Date(instant));
  const part = (type: Part) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: part('day'), month: part('month'), year: part('year'), hour: part('hour'), minute: part('minute') };
}

/** dd/MM/yyyy in the Asia/Ho_Chi_Minh time zone. */
export function formatDateVN(instant: string | Date): string {
  const { day, month, year } = partsVN(instant);
  return `${day}/${month}/${year}`;
}

/** dd/MM/yyyy HH:mm in the Asia/Ho_Chi_Minh time zone, for compressed calendars where the hour matters. */
export function formatDateTimeVN(instant: string | Date): string {
  const { day, month, year, hour, minute } = partsVN(instant);
  return `${day}/${month}/${year} ${hour}:${minute}`;
}
