import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors/app-error.ts';
import { cleanFormText, cleanJsonText, readInboundJson } from '../../core/inbound/clean-inbound-text.ts';

describe('the inbound text rule', () => {
  it('removes U+0000 and replaces lone surrogates, keeping pairs, escaped backslashes and every other byte', () => {
    const raw = String.raw`{"name":"Ana\u0000Lopez","emoji":"\ud83c\udfe1","lone":"a\ud800b\udc00c","literal":"C:\\u0000x", "n": 1}`;
    const cleaned = cleanJsonText(raw);
    expect(cleaned).toBe(
      String.raw`{"name":"AnaLopez","emoji":"\ud83c\udfe1","lone":"a\ufffdb\ufffdc","literal":"C:\\u0000x", "n": 1}`,
    );
    expect(JSON.parse(cleaned)).toEqual({
      name: 'AnaLopez',
      emoji: '🏡',
      lone: 'a\uFFFDb\uFFFDc',
      literal: 'C:\\u0000x',
      n: 1,
    });
  });

  it('removes %00 from a form without touching a literal "%00" (%2500)', () => {
    expect(new URLSearchParams(cleanFormText('From=%00%2B1512&Body=100%2500')).get('Body')).toBe('100%00');
    expect(new URLSearchParams(cleanFormText('From=%00%2B1512&Body=100%2500')).get('From')).toBe('+1512');
  });

  it('reads a body with a byte-order mark, and refuses nesting past 64 levels by name', () => {
    expect(readInboundJson('\uFEFF{"type":1}').value).toEqual({ type: 1 });
    expect(readInboundJson(`${'['.repeat(64)}${']'.repeat(64)}`).value).toBeDefined();
    // Brackets inside strings are text, not nesting.
    expect(readInboundJson(JSON.stringify({ s: '['.repeat(500) })).value).toEqual({ s: '['.repeat(500) });
    const tooDeep = () => readInboundJson(`${'['.repeat(65)}${']'.repeat(65)}`);
    expect(tooDeep).toThrow(AppError);
    expect(tooDeep).toThrow('Body is JSON nested deeper than 64 levels');
  });
});
