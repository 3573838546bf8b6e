import { describe, expect, test } from 'vitest';
import { chartFromDecimals, labelTotals, minutesFromSeconds, onLabels } from './prepare';

describe('chart data prepared with decimal.js', () => {
  test('seconds → minutes exactly (no float drift), to 2 places', () => {
    const data = chartFromDecimals(['00:00', '00:05'], [{ key: 'hd', name: 'HD', values: minutesFromSeconds([10, 300]) }]);
    expect(data.series[0]?.values).toEqual(['0.17', '5']);
  });

  test('money per day laid on every label; totals add exact decimals', () => {
    const days = ['2024-10-01', '2024-10-02', '2024-10-03'];
    const data = chartFromDecimals(days, [
      { key: 'daily', name: 'Daily', values: onLabels(days, [{ d: '2024-10-01', t: '0.1' }, { d: '2024-10-03', t: '0.2' }], (r) => r.d, (r) => r.t) },
      { key: 'adj', name: 'Adjustment', values: onLabels(days, [{ d: '2024-10-03', t: '0.1' }], (r) => r.d, (r) => r.t) },
    ]);
    expect(data.series.map((s) => s.values)).toEqual([['0.1', '0', '0.2'], ['0', '0', '0.1']]);
    expect(labelTotals(data)).toEqual(['0.1', '0', '0.3']);
  });
});
