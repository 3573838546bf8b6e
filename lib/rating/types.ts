/**
 * Types of the rating library. A price book is plain data (rating.md section 2):
 * the engine reads its items, tiers, rules and ratio tables and has no per-book code.
 */

export type Currency = 'USD' | 'CNY';

export type RecordType =
  | 'media'
  | 'recording'
  | 'delivery'
  | 'transcode'
  | 'relay'
  | 'screenshot'
  | 'slicing'
  | 'signaling';

/** What one unit of `usage.quantity` is. */
export type ItemUnit = 'minute' | 'Mbps' | 'thousand images' | 'thousand calls';

export type PriceItem = {
  /** Stable code used in usage, lines and ratio tables (`hd`, `recording.fhd`, ...). */
  code: string;
  name: string;
  unit: ItemUnit;
  /** Decimal string: the price of `per` units. */
  unitPrice: string;
  /** The price is per this many units (1000 for "per thousand minutes"). */
  per: number;
  /** Seed and section the price comes from, e.g. `003 · Billing of Audio and Video Duration · Pricing`. */
  source: string;
};

/** Resolution tiers by pixel area, ascending; the last tier has no upper bound. */
export type ResolutionTier = { code: string; maxArea: number | null };

/**
 * Media rules of rating.md section 2.
 * - `aggregate`: sum of received video areas per record, one tier (trtc-2024-usd).
 * - `per-stream`: each received video stream on its own tier, audio once per user (trtc-2022-cny).
 * - `played-audio`: each played audio stream; video refused (rtv-cny).
 * - `per-received-stream`: audio and video of every received stream; mini-program sends too (hst-cny).
 */
export type MediaRule =
  | { kind: 'aggregate'; tiers: ResolutionTier[]; audioItem: string }
  | { kind: 'per-stream'; tiers: ResolutionTier[]; audioItem: string }
  | { kind: 'played-audio'; audioItem: string }
  | {
      kind: 'per-received-stream';
      audioItem: string;
      screenItem: string;
      /** Video tiers by area (`video-720p`, `video-1080p`). */
      videoTiers: ResolutionTier[];
      miniProgram: { audioItem: string; videoItem: string };
    };

/**
 * Processing rules (recording, transcoding). Item templates use `{mode}`, `{codec}`, `{tier}`.
 * An audio-only input is one without video and with `audio: true`.
 * - `aggregate-process`: one duration per process, on the summed video area of its inputs,
 *   `audioItem` when there is no video (2024 recording, seed 003 "Usage Calculation").
 * - `aggregate-plus-audio`: the summed video area's tier when there is video, plus one
 *   `audioItem` duration when there are audio-only inputs (2024 transcoding).
 * - `per-input`: one duration per input stream: video inputs at their own tier, audio-only
 *   inputs at `audioItem`; an all-audio process counts once when `allAudioOnce` says so (2022).
 */
export type ProcessingRule = {
  kind: 'aggregate-process' | 'aggregate-plus-audio' | 'per-input';
  tiers: ResolutionTier[];
  /** Item for video durations, e.g. `recording.{tier}` or `transcode.{codec}.{tier}`. */
  videoItem: string;
  /** Item for audio durations, e.g. `recording.audio` or `recording.{mode}.audio`. */
  audioItem: string;
  /** `per-input` only: `true` = every all-audio process counts once; a list = only these modes. */
  allAudioOnce?: true | string[];
};

export type DeliveryRule = { tiers: ResolutionTier[]; item: string; audioTier: string };

export type DurationRounding = {
  /** Seconds are summed per SDKAppID per local `day` (or `month`, rtv-cny) per item, then rounded up to minutes. */
  period: 'day' | 'month';
};

export type MonthlyRules = {
  relay?: {
    items: Record<'tencent' | 'third-party', string>;
    /** `tencent` relay is free when the month's peak is at most this many Mbps (else the whole peak is billed). */
    freePeakMbps: Partial<Record<'tencent' | 'third-party', number>>;
  };
  /** Images per account per month (003/004: 10,000 free, the excess in thousands rounded up). */
  screenshot?: CountedQuota;
  /** Calls per account per month (001: 1,000,000 free, then per thousand). */
  signaling?: CountedQuota;
};

/** A monthly count with a free quota: the excess over `free`, in units of `perUnit`, rounded up or exact. */
export type CountedQuota = { item: string; free: number; perUnit: number; rounding: 'ceil' | 'exact' };

/** Entitlement minutes used per usage minute, by item code. */
export type RatioTable = Record<string, string>;

export type EntitlementKind = 'free' | 'package' | 'trial';

export type CoverageRules = {
  package?: RatioTable;
  trial?: RatioTable;
  /** Tried in order; the first whose `registeredBefore` is after the account's registration (or absent) applies. */
  free?: { registeredBefore?: string; ratios: RatioTable; source: string }[];
};

export type PriceBook = {
  id: string;
  name: string;
  provider: string;
  currency: Currency;
  /** IANA name; see time-zone.ts for the supported fixed offsets. */
  timeZone: string;
  /** Local date from which the book applies, and where that date comes from. */
  effectiveFrom: string;
  effectiveTo?: string;
  effectiveNote: string;
  sources: string[];
  /** Display order of items; also the deduction order after audio..4k (rating.md section 4). */
  items: PriceItem[];
  rounding: DurationRounding;
  media?: MediaRule & { source: string };
  recording?: ProcessingRule & { source: string };
  transcode?: ProcessingRule & { source: string };
  delivery?: DeliveryRule & { source: string };
  slicing?: { item: string; source: string };
  monthly: MonthlyRules;
  coverage: CoverageRules & { source: string };
};
