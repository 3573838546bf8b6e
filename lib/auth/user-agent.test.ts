import { expect, test } from 'vitest';
import { describeUserAgent } from './user-agent';

test.each([
  ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36', 'Chrome 131 on Linux'],
  ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15', 'Safari 17 on macOS'],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox 133 on Windows'],
  ['Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 Edg/131.0', 'Edge 131 on Windows'],
  ['curl/8.5.0', 'Script'],
  ['', 'Unknown browser'],
])('%s → %s', (ua, text) => expect(describeUserAgent(ua)).toBe(text));

test('in Chinese', () => {
  expect(describeUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 'zh')).toBe('Firefox 133（Windows）');
  expect(describeUserAgent('', 'zh')).toBe('未知浏览器');
});
