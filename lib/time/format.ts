import { BILLING_TIME_ZONE, zoneOffsetMs } from './local-date';

/** `2024-10-08 10:00` in the billing zone, for tables. */
export function formatLocalDateTime(instant: Date, timeZone = BILLING_TIME_ZONE): string {
  const s = new Date(instant.getTime() + zoneOffsetMs(timeZone)).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

/** ISO 8601 with the zone's offset, e.g. `2024-10-08T10:00:00+08:00` (rating.md section 1 shape). */
export function toOffsetIso(instant: Date, timeZone = BILLING_TIME_ZONE): string {
  const offset = zoneOffsetMs(timeZone);
  const s = new Date(instant.getTime() + offset).toISOString().slice(0, 19);
  const mins = offset / 60_000;
  const sign = mins >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(mins) / 60)).padStart(2, '0');
  const mm = String(Math.abs(mins) % 60).padStart(2, '0');
  return `${s}${sign}${hh}:${mm}`;
}
