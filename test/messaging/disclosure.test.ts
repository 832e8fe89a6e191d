import { describe, expect, it } from 'vitest';
import { countSmsSegments, OPT_OUT_DISCLOSURE, withOptOutDisclosure } from '../../core/messaging/disclosure.ts';

describe('withOptOutDisclosure', () => {
  it('adds the opt-out line to the first automated message only', () => {
    const body = 'New match: 3 bd in 78704 for $589,000 https://x.test/l/1';
    expect(withOptOutDisclosure(body, { firstAutomated: true })).toBe(`${body} Reply STOP to opt out.`);
    expect(withOptOutDisclosure(body, { firstAutomated: false })).toBe(body);
  });

  it('never doubles the line', () => {
    const once = withOptOutDisclosure('Hi Ana!', { firstAutomated: true });
    expect(withOptOutDisclosure(once, { firstAutomated: true })).toBe(once);
    expect(once.split(OPT_OUT_DISCLOSURE)).toHaveLength(2);
  });
});

describe('countSmsSegments', () => {
  it('fits 160 GSM characters in one segment and splits 161 into two of 153', () => {
    expect(countSmsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSmsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(countSmsSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSmsSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts extension characters (€ [ ] { }) as two septets', () => {
    expect(countSmsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSmsSegments('€'.repeat(81)).segments).toBe(2);
  });

  it('drops to UCS-2 for one emoji or curly quote: 70 per segment, 67 when split', () => {
    expect(countSmsSegments('Love this one 🏡').encoding).toBe('UCS-2');
    expect(countSmsSegments('It’s listed').encoding).toBe('UCS-2');
    expect(countSmsSegments('é'.repeat(70)).encoding).toBe('GSM-7');
    expect(countSmsSegments('ł'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(countSmsSegments('ł'.repeat(71)).segments).toBe(2);
    expect(countSmsSegments('ł'.repeat(134)).segments).toBe(2);
  });

  it('never splits an emoji across segments', () => {
    // 66 units + a 2-unit emoji would straddle the 67-unit boundary, so the emoji opens part 2.
    expect(countSmsSegments('ł'.repeat(66) + '🏡' + 'ł'.repeat(66))).toEqual({
      encoding: 'UCS-2',
      units: 134,
      segments: 3,
    });
  });
});
