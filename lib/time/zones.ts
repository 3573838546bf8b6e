/**
 * The one table of time zones (rating.md section 3: "the book's time zone"; guide: Time).
 * Decision: zones are fixed offsets keyed by IANA name. Every built-in book uses
 * Asia/Shanghai, which is UTC+8 with no daylight saving since 1991; a zone with DST would
 * need a transition table here before a book may use it. An unknown zone is refused rather
 * than guessed. Pure: `lib/rating` (hot path, no Intl) and the console's local dates both
 * read it.
 */
const FIXED_OFFSET_MINUTES: Readonly<Record<string, number>> = {
  'Asia/Shanghai': 480,
  'Asia/Hong_Kong': 480,
  'Asia/Singapore': 480,
  UTC: 0,
  'Etc/UTC': 0,
};

/** The zone local days and bills use (lifecycle.md, Time). */
export const BILLING_TIME_ZONE = 'Asia/Shanghai';

export const SECONDS_PER_DAY = 86_400;

export function zoneOffsetSeconds(timeZone: string): number {
  const minutes = FIXED_OFFSET_MINUTES[timeZone];
  if (minutes === undefined) throw new Error(`time zone "${timeZone}" is not supported (fixed-offset zones: ${Object.keys(FIXED_OFFSET_MINUTES).join(', ')})`);
  return minutes * 60;
}

export function zoneOffsetMs(timeZone: string): number {
  return zoneOffsetSeconds(timeZone) * 1000;
}
