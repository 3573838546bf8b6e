import { describe, expect, test } from 'vitest';
import { copyText } from '@/db/raw';

describe('copyText (COPY text format, db/raw.ts)', () => {
  test('plain text is returned as it is', () => {
    const s = '{"steps": ["app 1400000000: 34 records"]}';
    expect(copyText(s)).toBe(s);
  });
  test('backslash, tab, newline and carriage return are escaped; nothing else is', () => {
    expect(copyText('a\\b\tc\nd\re "f" é')).toBe('a\\\\b\\tc\\nd\\re "f" é');
  });
});
