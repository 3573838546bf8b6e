import { fillTemplate, tierOf, type CompiledBook } from './compiled-book';
import type { MediaRecord, ProcessingInput, SentStream, UsageRecord } from './schemas';
import type { ProcessingRule } from './types';

/** A record the book's rules refuse (valid shape, but not rateable by this book). */
export class RecordRuleError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/**
 * Items a duration record accrues, each `count` times its seconds (e.g. three HD
 * streams = `hd` x 3). Reused across records on the hot path: read `size` entries, then `reset()`.
 */
export class ItemCounts {
  items: Int32Array = new Int32Array(16);
  counts: Float64Array = new Float64Array(16);
  size = 0;
  reset(): void {
    this.size = 0;
  }
  add(item: number, count = 1): void {
    for (let i = 0; i < this.size; i++) {
      if (this.items[i] === item) {
        this.counts[i] = (this.counts[i] as number) + count;
        return;
      }
    }
    if (this.size === this.items.length) {
      const items = new Int32Array(this.size * 2), counts = new Float64Array(this.size * 2);
      items.set(this.items);
      counts.set(this.counts);
      this.items = items;
      this.counts = counts;
    }
    this.items[this.size] = item;
    this.counts[this.size++] = count;
  }
}

function itemOrThrow(cb: CompiledBook, code: string, field: string): number {
  const i = cb.indexOf(code);
  if (i === -1) throw new RecordRuleError(field, `price book ${cb.book.id} has no price for item ${code}`);
  return i;
}

function notPriced(cb: CompiledBook, type: string): RecordRuleError {
  return new RecordRuleError('type', `price book ${cb.book.id} does not price ${type} records`);
}

const area = (v: readonly [number, number]) => v[0] * v[1];

/** rating.md section 2, media rules. */
function classifyMedia(cb: CompiledBook, r: MediaRecord, out: ItemCounts): void {
  const rule = cb.book.media;
  if (!rule) throw notPriced(cb, 'media');
  switch (rule.kind) {
    case 'aggregate': {
      // 003: sum of all received video areas, screen shares included; no video = audio.
      let total = 0;
      for (const s of r.receive) if (s.video) total += area(s.video);
      out.add(itemOrThrow(cb, total === 0 ? rule.audioItem : tierOf(rule.tiers, total).code, 'receive'));
      return;
    }
    case 'per-stream': {
      // 002: each video stream on its own tier; audio once when an audio-only stream is received or no video at all.
      let audio = false;
      let video = false;
      r.receive.forEach((s, i) => {
        if (s.video) {
          video = true;
          out.add(itemOrThrow(cb, tierOf(rule.tiers, area(s.video)).code, `receive[${i}].video`));
        } else if (s.audio) audio = true;
      });
      if (audio || !video) out.add(itemOrThrow(cb, rule.audioItem, 'receive'));
      return;
    }
    case 'played-audio': {
      // 000: each played stream's seconds; a stream with video counts as video, which this book cannot price.
      r.receive.forEach((s, i) => {
        if (s.video) throw new RecordRuleError(`receive[${i}].video`, `price book ${cb.book.id} prices audio only; a played stream with video cannot be rated`);
        if (s.audio) out.add(itemOrThrow(cb, rule.audioItem, `receive[${i}]`));
      });
      return;
    }
    case 'per-received-stream': {
      // 001: received audio and video both count; a mini-program client also pays for what it sends.
      if (r.client === 'miniprogram') {
        const mp = rule.miniProgram;
        const countAll = (streams: readonly SentStream[], field: 'receive' | 'send') =>
          streams.forEach((s, i) => {
            if (s.audio) out.add(itemOrThrow(cb, mp.audioItem, `${field}[${i}]`));
            if (s.video) out.add(itemOrThrow(cb, mp.videoItem, `${field}[${i}].video`));
          });
        countAll(r.receive, 'receive');
        if (r.send) countAll(r.send, 'send');
        return;
      }
      r.receive.forEach((s, i) => {
        if (s.audio) out.add(itemOrThrow(cb, rule.audioItem, `receive[${i}]`));
        if (s.video) {
          const code = s.screen ? rule.screenItem : tierOf(rule.videoTiers, area(s.video)).code;
          out.add(itemOrThrow(cb, code, `receive[${i}].video`));
        }
      });
      return;
    }
    default: {
      const never: never = rule;
      throw new Error(`unknown media rule ${JSON.stringify(never)}`);
    }
  }
}

/** rating.md section 2, recording and transcoding (per process or per input stream). */
function classifyProcessing(cb: CompiledBook, rule: ProcessingRule, inputs: readonly ProcessingInput[], vars: Record<string, string>, out: ItemCounts): void {
  const videoItem = (tier: string) => itemOrThrow(cb, fillTemplate(rule.videoItem, { ...vars, tier }), 'inputs');
  const audioItem = () => itemOrThrow(cb, fillTemplate(rule.audioItem, vars), 'inputs');
  let totalArea = 0;
  let audioOnly = 0;
  for (const input of inputs) {
    if (input.video) totalArea += area(input.video);
    else if (input.audio) audioOnly++;
  }
  switch (rule.kind) {
    case 'aggregate-process':
      // 003: one duration per process; a segment with any video is video, else audio (even with nothing recorded).
      out.add(totalArea > 0 ? videoItem(tierOf(rule.tiers, totalArea).code) : audioItem());
      return;
    case 'aggregate-plus-audio':
      // 003: video input duration by aggregate input area, plus audio-only inputs counted once.
      if (totalArea > 0) out.add(videoItem(tierOf(rule.tiers, totalArea).code));
      if (audioOnly > 0) out.add(audioItem());
      return;
    case 'per-input': {
      // 002: each input stream on its own; an all-audio process counts one audio where the seed says so.
      for (const input of inputs) if (input.video) out.add(videoItem(tierOf(rule.tiers, area(input.video)).code));
      if (audioOnly === 0) return;
      const once = rule.allAudioOnce === true || (Array.isArray(rule.allAudioOnce) && rule.allAudioOnce.includes(vars.mode ?? ''));
      out.add(audioItem(), totalArea === 0 && once ? 1 : audioOnly);
      return;
    }
    default: {
      const never: never = rule.kind;
      throw new Error(`unknown processing rule ${String(never)}`);
    }
  }
}

/**
 * The duration items of one record under a book's rules, into `out` (cleared first).
 * Returns false for records that are not durations (relay, screenshot, signaling).
 * Throws RecordRuleError when the book cannot rate the record.
 */
export function classifyDurationRecord(cb: CompiledBook, r: UsageRecord, out: ItemCounts): boolean {
  out.reset();
  switch (r.type) {
    case 'media':
      classifyMedia(cb, r, out);
      return true;
    case 'recording':
      if (!cb.book.recording) throw notPriced(cb, r.type);
      classifyProcessing(cb, cb.book.recording, r.inputs, { mode: r.mode }, out);
      return true;
    case 'transcode':
      if (!cb.book.transcode) throw notPriced(cb, r.type);
      classifyProcessing(cb, cb.book.transcode, r.inputs, { codec: r.codec }, out);
      return true;
    case 'delivery': {
      const rule = cb.book.delivery;
      if (!rule) throw notPriced(cb, r.type);
      const tier = r.output ? tierOf(rule.tiers, area(r.output)).code : rule.audioTier;
      out.add(itemOrThrow(cb, fillTemplate(rule.item, { target: r.target, tier }), 'target'));
      return true;
    }
    case 'slicing':
      if (!cb.book.slicing) throw notPriced(cb, r.type);
      out.add(itemOrThrow(cb, fillTemplate(cb.book.slicing.item, { kind: r.kind }), 'kind'));
      return true;
    case 'relay':
      if (!cb.book.monthly.relay) throw notPriced(cb, r.type);
      return false;
    case 'screenshot':
      if (!cb.book.monthly.screenshot) throw notPriced(cb, r.type);
      return false;
    case 'signaling':
      if (!cb.book.monthly.signaling) throw notPriced(cb, r.type);
      return false;
    default: {
      const never: never = r;
      throw new Error(`unknown record ${JSON.stringify(never)}`);
    }
  }
}
