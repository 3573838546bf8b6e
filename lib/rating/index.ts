/**
 * The rating library (rating.md): pure TypeScript, no database, no Next.js, no clock.
 * See README.md in this folder for the API.
 */
export type * from './types';
export type * from './result-types';
export { getPriceBook, findPriceBook, listPriceBooks } from './books';
export {
  usageRecordSchema,
  mediaRecordSchema,
  recordingRecordSchema,
  deliveryRecordSchema,
  transcodeRecordSchema,
  relayRecordSchema,
  screenshotRecordSchema,
  slicingRecordSchema,
  signalingRecordSchema,
  entitlementSchema,
  accountSchema,
  instantSchema,
  localDateSchema,
  RECORD_TYPES,
} from './schemas';
export type { UsageRecord, MediaRecord, Entitlement, RatingAccount } from './schemas';
export {
  parseUsageRecord,
  parseUsageRecords,
  parseUsageRecordLine,
  formatRecordError,
  type RecordError,
  type ParseRecordsResult,
} from './parse-records';
export { createRater, rateRecords, RatingRecordError, type Rater, type RaterOptions } from './rater';
export { classifyRecord, classifyRecordDay, summarizeUsage, type UsagePiece, type UsageBucket, type UsageDay } from './usage-stats';
export { RecordRuleError } from './classify-durations';
export { aggregateDays, DayAggregator, dayNumberOf, type DayAggregate, type IdentifiedRecord } from './day-aggregates';
export { explainLines, explainDetail, unitWord } from './explain';
export { lineFigures, type LineFigures } from './build-result';
export { compileBook, unitPriceOf } from './compiled-book';
export { coverageFor, orderEntitlements } from './entitlements';
export { rateScenario, scenarioSchema, toRateOutput, type RateOutput } from './scenario';
export { rateJsonl, forEachLine } from './jsonl';
export { getPackageCatalog, findCatalogPackage, priceUniversalPackage, UNIVERSAL_TIERS, STARTER_MAX_PURCHASES, type CatalogPackage, type UniversalPackageQuote } from './packages';
export { calculatePrice, type CalculatorInput, type CalculatorResult, type CalculatorItem, type CalculatorPackage } from './calculator';
export { packageValidity, freeMinutesValidity, universalPackageValidity, isValidOn, addDays, localDateOf, type Validity } from './validity';
