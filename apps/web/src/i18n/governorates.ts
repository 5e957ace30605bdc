import { useCallback } from 'react';
import { GOVERNORATES, type Governorate, isGovernorate } from '../map/governorates';
import { ar } from './ar';
import { ckb } from './ckb';
import { en } from './en';
import type { Language } from './index';
import { useLanguage } from './use-language';

const NAMES: Record<Language, Record<Governorate, string>> = {
  en: en.governorates,
  ar: ar.governorates,
  ckb: ckb.governorates,
};

/**
 * A governorate as the reader names it: "البصرة" in Arabic, "بەسرە" in Kurdish for `Basra`.
 * Only for showing: the api, URLs, query keys and CSV exports keep the canonical English key.
 * A name the platform does not know is shown as it came.
 */
export function governorateName(key: string, language: Language): string {
  return isGovernorate(key) ? NAMES[language][key] : key;
}

/** `governorateName` in the page's language. */
export function useGovernorateName(): (key: string) => string {
  const { language } = useLanguage();
  return useCallback((key: string) => governorateName(key, language), [language]);
}

/** The 19 keys in the alphabetical order of their names in the language, for pick lists. */
export function governoratesByName(language: Language): Governorate[] {
  const collator = new Intl.Collator(language);
  return [...GOVERNORATES].sort((a, b) =>
    collator.compare(governorateName(a, language), governorateName(b, language)),
  );
}
