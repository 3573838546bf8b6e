import { describe, expect, test } from 'vitest';
import { newPasswordProblem } from './password-policy';

const person = { email: 'mei.chen@example.com', name: 'Mei Chen' };

describe('newPasswordProblem (issue 13 item 6)', () => {
  test.each([
    ['ten spaces (reported)', ' '.repeat(10), /at least 12 characters/],
    ['1234567890 (reported)', '1234567890', /at least 12 characters/],
    ['the email itself (reported)', 'mei.chen@example.com', /email address or your name/],
    ['twelve spaces', ' '.repeat(12), /only spaces/],
    ['a repeated character', 'aaaaaaaaaaaa', /4 different/],
    ['a run of digits', '123456789012', /too common/],
    ['a keyboard walk', 'qwertyuiop12', /too common/],
    ['a common word with digits', 'password1234', /too common/],
    ['a common word with a year and a symbol', 'Sunshine2024!', /too common/],
    ['leetspeak', 'P@ssw0rd1234', /too common/],
    ['the email local part inside', 'xx-mei.chen-2024', /email address or your name/],
    ['the name inside', 'MeiChen-rocks-2024', /email address or your name/],
    ['a repeated short unit', 'abcdabcdabcd', /too common/],
    ['a doubled common word', 'dragondragon', /too common/],
    ['a digit run with a short letter tail', '1234567890ab', /too common/],
    ['a digit run with a short letter head', 'abc123456789', /too common/],
  ])('refuses %s', (_label, password, message) => {
    expect(newPasswordProblem(password, person)).toMatch(message);
  });

  test.each(['correct horse battery staple', 'violet-tractor-91-oolong', 'Zq8#rT2!mW5@'])('accepts %s', (password) => {
    expect(newPasswordProblem(password, person)).toBeNull();
  });

  test('the bundled list is of a useful size', async () => {
    const fs = await import('node:fs');
    const lines = fs.readFileSync('lib/auth/common-passwords.txt', 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(10_000);
    expect(lines).toContain('password');
    expect(lines).toContain('iloveyou');
  });
});
