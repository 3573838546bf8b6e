export { settleDay, streamDayRecords, type SettleDayInput, type SettleDayResult } from './settle-day';
export { settleMonth, type SettleMonthResult } from './monthly';
export { safeUsageWatermark } from './raw';
export { clipToDay, dayWindow, DURATION_TYPES, MONTHLY_TYPES } from './day-window';
