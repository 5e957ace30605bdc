import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ar } from './ar';
import { ckb } from './ckb';
import { en } from './en';

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

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ar: { translation: ar }, ckb: { translation: ckb } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
});
