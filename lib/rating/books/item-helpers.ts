import type { PriceItem, ResolutionTier } from '../types';

/** A duration item priced per thousand minutes, as every TRTC, rtv and hst price table is. */
export function perThousandMinutes(code: string, name: string, unitPrice: string, source: string): PriceItem {
  return { code, name, unit: 'minute', unitPrice, per: 1000, source };
}

/** Aggregate / per-stream resolution tiers of seed 003 (no SD tier): HD <= 1280x720 < FHD <= 1920x1080 < 2K <= 2560x1440 < 4K. */
export const TIERS_2024: ResolutionTier[] = [
  { code: 'hd', maxArea: 921_600 },
  { code: 'fhd', maxArea: 2_073_600 },
  { code: '2k', maxArea: 3_686_400 },
  { code: '4k', maxArea: null },
];

/** Seed 002 tiers by area: SD <= 640x480 < HD <= 1280x720 < FHD <= 1920x1080 < 2K <= 2560x1440 < 4K. */
export const TIERS_2022: ResolutionTier[] = [{ code: 'sd', maxArea: 307_200 }, ...TIERS_2024];

/** Ratios shared by the package table and the media part of both free-minute tables (seed 003). */
export const MEDIA_RATIOS_2024 = { audio: '1', hd: '4', fhd: '9', '2k': '16', '4k': '36' } as const;
