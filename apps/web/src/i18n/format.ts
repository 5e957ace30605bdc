import type { Language } from './index';

/**
 * Numbers and dates in the reader's locale: Arabic-Indic digits in Arabic and Kurdish, as
 * readers there expect; Iraq's time zone for every date shown.
 */
const LOCALES: Record<Language, string> = { en: 'en-GB', ar: 'ar-IQ', ckb: 'ckb-IQ' };
export const TIME_ZONE = 'Asia/Baghdad';

export function formatNumber(language: Language, value: number, maximumFractionDigits = 0) {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits }).format(value);
}

export function formatDays(language: Language, days: number | null | undefined): string {
  if (days === null || days === undefined || !Number.isFinite(days)) return '—';
  return formatNumber(language, days, 1);
}

export function formatDateTime(language: Language, iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

export function formatDate(language: Language, iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'medium',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}
