import { expect, test } from 'vitest';
import { getPriceBook } from '@/lib/rating';
import { billingRhythm, bookBillingSentence, roundingUnitPhrase, roundsPerMonth } from './book-words';

test('each seed book is described with its own rounding, rhythm, free minutes and packages', () => {
  const rtv = getPriceBook('rtv-cny');
  const hst = getPriceBook('hst-cny');
  const usd = getPriceBook('trtc-2024-usd');
  expect([roundsPerMonth(rtv), roundsPerMonth(hst), roundsPerMonth(usd)]).toEqual([true, false, false]);
  expect(roundingUnitPhrase(rtv)).toBe('per application, item and month');
  expect(roundingUnitPhrase(hst)).toBe('per application, item and day');
  expect(billingRhythm(rtv)).toContain('billed on the 1st of the next month');
  expect(billingRhythm(hst)).toContain('billed the next day; monthly items on the 1st');
  expect(bookBillingSentence(hst)).toContain('in CNY');
  expect(bookBillingSentence(hst)).toContain('No free minutes.');
  expect(bookBillingSentence(hst)).toContain('No packages');
  expect(bookBillingSentence(rtv)).toContain('Packages cover minutes');
  expect(bookBillingSentence(usd)).toContain('Monthly free minutes are used first.');
});
