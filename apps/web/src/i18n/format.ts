import type { Language } from './index';

/**
 * Numbers and dates in the reader's locale: Arabic-Indic digits in Arabic and Kurdish, as
 * readers there expect; Iraq's time zone for every date shown.
 */
const LOCALES: Record<Exclude<Language, 'ckb'>, string> = { en: 'en-GB', ar: 'ar-IQ' };
export const TIME_ZONE = 'Asia/Baghdad';

/**
 * Central Kurdish is formatted here, not by `Intl`: Chromium ships ICU without `ckb` and
 * silently falls back to American English ("Dec 3, 2026, 3:00 PM"), while Node's full ICU has
 * it — the same code would print two different things. Digits are the Arabic-Indic ones Sorani
 * uses (as `ar-IQ` writes them), months are the Iraqi Kurdish names (CLDR's `ckb`, with
 * December spelt like January), time is on the 24-hour clock.
 */
const CKB_MONTHS = [
  'کانوونی دووەم',
  'شوبات',
  'ئازار',
  'نیسان',
  'ئایار',
  'حوزەیران',
  'تەمووز',
  'ئاب',
  'ئەیلوول',
  'تشرینی یەکەم',
  'تشرینی دووەم',
  'کانوونی یەکەم',
];
const ARABIC_DIGITS_LOCALE = 'ar-IQ-u-nu-arab';

export function formatNumber(language: Language, value: number, maximumFractionDigits = 0) {
  const locale = language === 'ckb' ? ARABIC_DIGITS_LOCALE : LOCALES[language];
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

/**
 * The separator between a list's items: the Arabic comma in Arabic and Kurdish, which write it
 * for every "," of English. Not `Intl.ListFormat`: none of its styles gives a plain list in
 * Arabic ("unit" adds "و" before the last item, "narrow" drops the commas for "و"), and neither
 * Node's ICU nor Chromium's has list patterns for `ckb` (it falls back to English ", ").
 */
const LIST_SEPARATORS: Record<Language, string> = { en: ', ', ar: '، ', ckb: '، ' };

/** "a, b, c" in English, "a، b، c" in Arabic and Kurdish; the items are shown as given. */
export function formatList(language: Language, items: readonly string[]): string {
  return items.join(LIST_SEPARATORS[language]);
}

/** Counts by cylinder size, "J 30, E 2" ("J ٣٠، E ٢" in Arabic), in the order given. */
export function formatSizes(
  language: Language,
  counts: Iterable<readonly [sizeCode: string, count: number]>,
): string {
  return formatList(
    language,
    [...counts].map(([sizeCode, count]) => `${sizeCode} ${formatNumber(language, count)}`),
  );
}

export function formatDays(language: Language, days: number | null | undefined): string {
  if (days === null || days === undefined || !Number.isFinite(days)) return '—';
  return formatNumber(language, days, 1);
}

export function formatDateTime(language: Language, iso: string | null | undefined): string {
  if (!iso) return '—';
  if (language === 'ckb') return kurdish(new Date(iso), true);
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

export function formatDate(language: Language, iso: string | null | undefined): string {
  if (!iso) return '—';
  if (language === 'ckb') return kurdish(new Date(iso), false);
  return new Intl.DateTimeFormat(LOCALES[language], {
    dateStyle: 'medium',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

/**
 * A moment shown where space is short (the phone's sync bar): only the time when it was today
 * in Baghdad, the date and time otherwise.
 */
export function formatRecent(language: Language, iso: string | null | undefined, now = new Date()) {
  if (!iso) return '—';
  const day = (date: Date) => date.toLocaleDateString('en-CA', { timeZone: TIME_ZONE });
  if (day(new Date(iso)) !== day(now)) return formatDateTime(language, iso);
  if (language === 'ckb') return kurdish(new Date(iso), true).split('، ')[1];
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

/** "٣ کانوونی یەکەم ٢٠٢٦، ١٥:٠٠": day, month name, year, then the time in Baghdad. */
function kurdish(date: Date, withTime: boolean): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: TIME_ZONE,
    })
      .formatToParts(date)
      .map((part) => [part.type, part.value]),
  );
  const digits = (text: string) =>
    text.replace(/[0-9]/g, (digit) => String.fromCharCode(0x0660 + Number(digit)));
  const day = `${digits(String(Number(parts.day)))} ${CKB_MONTHS[Number(parts.month) - 1]} ${digits(parts.year)}`;
  return withTime ? `${day}، ${digits(parts.hour)}:${digits(parts.minute)}` : day;
}
