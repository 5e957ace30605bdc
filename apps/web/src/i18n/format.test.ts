import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDays, formatNumber } from './format';

const LATIN_DIGIT = /[0-9]/;

describe('dates and numbers in each language', () => {
  it('writes Kurdish dates with Kurdish month names and Arabic-Indic digits, in Baghdad time', () => {
    // 12:05 UTC is 15:05 in Baghdad
    expect(formatDateTime('ckb', '2026-12-03T12:05:00Z')).toBe('٣ کانوونی یەکەم ٢٠٢٦، ١٥:٠٥');
    expect(formatDate('ckb', '2026-01-31T22:30:00Z')).toBe('١ شوبات ٢٠٢٦');
    expect(formatDateTime('ckb', '2026-06-14T21:00:00Z')).toBe('١٥ حوزەیران ٢٠٢٦، ٠٠:٠٠');
  });

  it('never falls back to English for Kurdish (Chromium has no ckb locale data)', () => {
    const shown = formatDateTime('ckb', '2026-03-21T08:00:00Z');
    expect(shown).not.toMatch(LATIN_DIGIT);
    expect(shown).not.toMatch(/Mar|AM|PM/);
    expect(formatNumber('ckb', 1234.5, 1)).toBe('١٬٢٣٤٫٥');
    expect(formatDays('ckb', 2.4)).toBe('٢٫٤');
  });

  it('keeps Arabic in Arabic-Indic digits and English in Latin ones', () => {
    expect(formatNumber('ar', 1234)).toBe('١٬٢٣٤');
    expect(formatDateTime('ar', '2026-12-03T12:05:00Z')).not.toMatch(LATIN_DIGIT);
    expect(formatDateTime('en', '2026-12-03T12:05:00Z')).toBe('3 Dec 2026, 15:05');
  });

  it('shows a dash for a missing date', () => {
    expect(formatDateTime('ckb', null)).toBe('—');
    expect(formatDate('ckb', undefined)).toBe('—');
  });
});
