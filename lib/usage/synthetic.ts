import { toOffsetIso } from '@/lib/time/format';

/**
 * Synthetic usage in rating.md section 1 shape, for demo data and the developer
 * tools. Deterministic for a given seed; pure (time comes in as an argument).
 */
export type SyntheticRecord = {
  type: 'media';
  app: number;
  room: string;
  user: string;
  start: string;
  seconds: number;
  receive: { stream: string; audio: boolean; video?: [number, number]; screen?: boolean }[];
};

const SIZES: [number, number][] = [
  [640, 360],
  [960, 540],
  [1280, 720],
  [1920, 1080],
];

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return (k: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % k;
  };
}

/**
 * `sessions` rooms starting within [from, from + spanMs); each room has 2–4 users
 * who each receive the others (video on most streams) for the room's duration.
 */
export function syntheticUsage(options: { sdkAppId: number; from: Date; spanMs: number; sessions: number; seed: number; timeZone?: string }): SyntheticRecord[] {
  const rand = rng(options.seed);
  const out: SyntheticRecord[] = [];
  const spanMinutes = Math.max(1, Math.floor(options.spanMs / 60_000));
  for (let s = 0; s < options.sessions; s++) {
    const start = new Date(options.from.getTime() + rand(spanMinutes) * 60_000);
    const seconds = 60 + rand(3000);
    const users = 2 + rand(3);
    const withVideo = rand(4) > 0;
    const size = SIZES[rand(SIZES.length)] as [number, number];
    const room = `room-${options.seed}-${s}`;
    for (let u = 0; u < users; u++) {
      const receive = [];
      for (let o = 0; o < users; o++) {
        if (o === u) continue;
        receive.push(withVideo ? { stream: `user-${o}`, audio: true, video: size } : { stream: `user-${o}`, audio: true });
      }
      out.push({ type: 'media', app: options.sdkAppId, room, user: `user-${u}`, start: toOffsetIso(start, options.timeZone), seconds, receive });
    }
  }
  return out;
}
