import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { binaryValuePlaceholder, looksLikeRawBase64, redactDataUrl } from './binary';

describe('base64 and binary placeholders', () => {
  it('redacts data URLs with their media type and decoded size', () => {
    const payload = randomBytes(48_213).toString('base64');
    expect(redactDataUrl(`data:image/png;base64,${payload}`)).toBe(
      '[base64 image/png redacted: 48213 bytes]',
    );
    expect(redactDataUrl('data:text/plain,hello')).toBeUndefined();
  });

  it('detects raw base64 of real binary data', () => {
    expect(looksLikeRawBase64(randomBytes(4096).toString('base64'))).toBe(true);
    expect(looksLikeRawBase64(randomBytes(4096).toString('base64url'))).toBe(true);
  });

  it('never mistakes long ordinary text for base64', () => {
    const prose = 'The quick brown fox jumps over the lazy dog. '.repeat(200);
    const unspaced = 'ThisIsAVeryLongIdentifierWithoutAnySpacesAtAll123'.repeat(100);
    const hex = randomBytes(4096).toString('hex');
    const path = '/usr/local/lib/node_modules/'.repeat(200);
    for (const text of [prose, unspaced, hex, path, 'a'.repeat(10_000)]) {
      expect(looksLikeRawBase64(text)).toBe(false);
      expect(binaryValuePlaceholder(text)).toBeUndefined();
    }
  });

  it('redacts bytes whatever their container', () => {
    expect(binaryValuePlaceholder(Buffer.alloc(10), 'audio/wav')).toBe(
      '[binary audio/wav redacted: 10 bytes]',
    );
    expect(binaryValuePlaceholder(new ArrayBuffer(3))).toBe('[binary data redacted: 3 bytes]');
    expect(binaryValuePlaceholder(new Float32Array(4))).toBe('[binary data redacted: 16 bytes]');
  });

  it('leaves URLs alone even in binary fields', () => {
    expect(binaryValuePlaceholder('https://example.com/a.png', 'image/png', true)).toBeUndefined();
  });
});
