import { describe, expect, it } from 'vitest';
import { i18n } from './index';
import {
  formatDate,
  formatDateTime,
  formatDays,
  formatList,
  formatNumber,
  formatRecent,
} from './format';

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

  it('shows only the time of a moment earlier today in Baghdad, the date too before that', () => {
    const now = new Date('2026-12-03T20:30:00Z'); // 23:30 in Baghdad
    expect(formatRecent('ckb', '2026-12-03T12:05:00Z', now)).toBe('١٥:٠٥');
    expect(formatRecent('en', '2026-12-03T12:05:00Z', now)).toBe('15:05');
    expect(formatRecent('ar', '2026-12-03T12:05:00Z', now)).not.toMatch(LATIN_DIGIT);
    // 20:59 UTC on the 2nd is 23:59 in Baghdad: yesterday there
    expect(formatRecent('ckb', '2026-12-02T20:59:00Z', now)).toBe('٢ کانوونی یەکەم ٢٠٢٦، ٢٣:٥٩');
  });

  it('writes numbers put into a text in the language digits, and leaves serials alone', () => {
    i18n.addResource('ckb', 'translation', 'probe', '{{count}} × {{serial}}');
    i18n.addResource('en', 'translation', 'probe', '{{count}} × {{serial}}');
    expect(i18n.t('probe', { lng: 'ckb', count: 12, serial: 'IQ-BAG-00031' })).toBe(
      '١٢ × IQ-BAG-00031',
    );
    expect(i18n.t('probe', { lng: 'en', count: 12, serial: 'IQ-BAG-00031' })).toBe(
      '12 × IQ-BAG-00031',
    );
  });

  it('joins a list with the English comma in English and the Arabic comma in Arabic and Kurdish', () => {
    const items = ['البصرة', 'IQ-BAG-00031', 'J'];
    expect(formatList('en', items)).toBe('البصرة, IQ-BAG-00031, J');
    expect(formatList('ar', items)).toBe('البصرة، IQ-BAG-00031، J');
    expect(formatList('ckb', items)).toBe('البصرة، IQ-BAG-00031، J');
    expect(formatList('ar', ['بغداد'])).toBe('بغداد');
    expect(formatList('ckb', [])).toBe('');
  });
});
