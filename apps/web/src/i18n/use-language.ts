import { createContext, useContext } from 'react';
import type { Language } from './index';

export const LanguageContext = createContext<{
  language: Language;
  setLanguage: (language: Language) => void;
}>({ language: 'en', setLanguage: () => undefined });

export function useLanguage() {
  return useContext(LanguageContext);
}
