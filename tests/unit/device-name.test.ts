import { describe, expect, it } from 'vitest';
import { boundUserAgent, deviceName } from '@/lib/device-name';

describe('deviceName', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox on Windows'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari on iPhone'],
    ['Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Safari on iPad'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15', 'Safari on macOS'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36', 'Chrome on Android'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36', 'Headless Chrome on Linux'],
    ['curl/8.5.0', 'curl'],
    ['Chitter-CLI/1.0 (X11; Linux x86_64)', 'Chitter-CLI on Linux'],
  ])('names %s as %s', (userAgent, name) => {
    expect(deviceName(userAgent)).toBe(name);
  });

  it('says Unknown device when nothing can be told', () => {
    for (const userAgent of [null, '', 'Mozilla/5.0', '¯\\_(ツ)_/¯', '<script>']) expect(deviceName(userAgent)).toBe('Unknown device');
  });
});

describe('boundUserAgent', () => {
  it('keeps at most 512 whole characters and nothing for a blank header', () => {
    expect(boundUserAgent('a'.repeat(10_000))).toHaveLength(512);
    expect(boundUserAgent(`${'a'.repeat(511)}🦜🦜`)).toBe(`${'a'.repeat(511)}🦜`);
    expect(boundUserAgent('  Firefox  ')).toBe('Firefox');
    expect(boundUserAgent('   ')).toBeNull();
    expect(boundUserAgent(null)).toBeNull();
  });
});
