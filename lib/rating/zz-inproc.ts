import { createReadStream } from 'node:fs';
import { rateJsonl } from '@/lib/rating/jsonl';
const t0 = performance.now();
const r = await rateJsonl(createReadStream(process.argv[2]!, { encoding: 'utf8', highWaterMark: 1 << 20 }), { book: 'trtc-2024-usd' });
console.log(r.ok, (performance.now() - t0).toFixed(0), 'ms', process.resourceUsage().maxRSS / 1024);
