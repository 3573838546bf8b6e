import { describe, expect, test } from 'vitest';
import { addDays, freeMinutesValidity, isValidOn, localDateOf, packageValidity, universalPackageValidity } from './validity';

describe('monthly package validity (rating.md section 6)', () => {
  test.each([
    ['bought 2023-03-01: through 2023-03-31 (the "April 2" renewal is a typo)', '2023-03-01', undefined, '2023-03-31', '2023-04-01'],
    ['bought Jan 31: through Feb 27', '2023-01-31', undefined, '2023-02-27', '2023-02-28'],
    ['renewed Feb 28 (anchor 31): through Mar 30', '2023-02-28', 31, '2023-03-30', '2023-03-31'],
    ['renewed Mar 31 (anchor 31): through Apr 29', '2023-03-31', 31, '2023-04-29', '2023-04-30'],
    ['renewed Apr 30 (anchor 31): through May 30', '2023-04-30', 31, '2023-05-30', '2023-05-31'],
    ['leap year: bought 2024-01-31 through Feb 28', '2024-01-31', undefined, '2024-02-28', '2024-02-29'],
    ['leap year: renewed 2024-02-29 (anchor 31) through Mar 30', '2024-02-29', 31, '2024-03-30', '2024-03-31'],
    ['bought Jan 30: through Feb 27 in a common year', '2023-01-30', undefined, '2023-02-27', '2023-02-28'],
    ['bought Dec 15: through Jan 14 next year', '2023-12-15', undefined, '2024-01-14', '2024-01-15'],
    ['free minutes received Nov 15: through Dec 14 (003 · Free Minutes)', '2022-11-15', undefined, '2022-12-14', '2022-12-15'],
  ] as const)('%s', (_, bought, anchor, validTo, renewsOn) => {
    expect(packageValidity(bought, anchor)).toMatchObject({ validFrom: bought, validTo, renewsOn });
  });

  test('renewals chain on renewsOn with the anchor kept', () => {
    let v = packageValidity('2023-01-31');
    const chain = [v.validTo];
    for (let i = 0; i < 4; i++) {
      v = packageValidity(v.renewsOn, v.anchorDay);
      chain.push(v.validTo);
    }
    expect(chain).toEqual(['2023-02-27', '2023-03-30', '2023-04-29', '2023-05-30', '2023-06-29']);
  });

  test('free minutes follow the same cycle', () => {
    expect(freeMinutesValidity('2024-10-08')).toEqual(packageValidity('2024-10-08'));
  });

  test('bad input is refused', () => {
    expect(() => packageValidity('2023-02-30')).toThrow('expected a local date');
    expect(() => packageValidity('2023-02-01', 32)).toThrow('anchorDay');
  });
});

describe('universal package validity (002): purchase day through the last day of the same month next year', () => {
  test.each([
    ['2020-05-01', '2021-05-31'],
    ['2022-01-31', '2023-01-31'],
    ['2024-02-29', '2025-02-28'],
    ['2023-02-10', '2024-02-29'],
    ['2022-12-31', '2023-12-31'],
  ])('%s → %s', (bought, validTo) => {
    expect(universalPackageValidity(bought)).toEqual({ validFrom: bought, validTo });
  });
});

describe('date helpers', () => {
  test('localDateOf uses the zone, not the offset of the instant', () => {
    expect(localDateOf('2024-10-08T16:00:00Z', 'Asia/Shanghai')).toBe('2024-10-09');
    expect(localDateOf('2024-10-08T15:59:59Z', 'Asia/Shanghai')).toBe('2024-10-08');
  });
  test('addDays and isValidOn', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    const v = { validFrom: '2024-10-01', validTo: '2024-10-31' };
    expect([isValidOn(v, '2024-09-30'), isValidOn(v, '2024-10-01'), isValidOn(v, '2024-10-31'), isValidOn(v, '2024-11-01')]).toEqual([false, true, true, false]);
  });
});
