import i18next, { type FormatterModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ar } from './ar';
import { ckb } from './ckb';
import { en } from './en';
import { formatNumber } from './format';

export const LANGUAGES = [
  { code: 'en', label: 'English', dir: 'ltr' },
  { code: 'ar', label: 'العربية', dir: 'rtl' },
  { code: 'ckb', label: 'کوردی', dir: 'rtl' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language.code === value);
}

export function directionOf(language: Language): 'ltr' | 'rtl' {
  return LANGUAGES.find((l) => l.code === language)?.dir ?? 'ltr';
}

/** Each user keeps their own language on this device; before login, the last one used. */
export function savedLanguage(userId?: string): Language {
  const saved =
    (userId && localStorage.getItem(`oxyledger.language.${userId}`)) ||
    localStorage.getItem('oxyledger.language');
  return isLanguage(saved) ? saved : 'en';
}

export function saveLanguage(language: Language, userId?: string): void {
  localStorage.setItem('oxyledger.language', language);
  if (userId) localStorage.setItem(`oxyledger.language.${userId}`, language);
}

export function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
}

/**
 * Numbers put into a text ("3 to send", "2 attempts") are written in the language's digits,
 * Arabic-Indic in Arabic and Kurdish, like every figure formatted on its own; strings (serials,
 * ids) are left alone.
 */
const numbersInTheLanguage: FormatterModule = {
  type: 'formatter',
  init: () => undefined,
  add: () => undefined,
  addCached: () => undefined,
  format: (value, _format, lng) =>
    typeof value === 'number' && (lng === 'ar' || lng === 'ckb')
      ? formatNumber(lng, value, 2)
      : value,
};

export const i18n = i18next.createInstance();
void i18n
  .use(initReactI18next)
  .use(numbersInTheLanguage)
  .init({
    resources: { en: { translation: en }, ar: { translation: ar }, ckb: { translation: ckb } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false, alwaysFormat: true },
    initAsync: false,
  });
