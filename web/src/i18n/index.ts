// Every text the app shows comes from these catalogues: Vietnamese by default, English as a switch. Each area of the
// app has its own namespace (one JSON file per language), so the catalogue of a page sits beside no other page's.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { z } from 'zod';
import { en as zodEnglish, vi as zodVietnamese } from 'zod/locales';
import { NAMESPACES, resources } from './catalogues';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'ocop.language';

function storedLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'vi';
}

/** zod's own messages (a form's "required", "too long") follow the app's language. */
function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
  z.config(language === 'vi' ? zodVietnamese() : zodEnglish());
}

export async function startI18n(): Promise<void> {
  const language = storedLanguage();
  applyLanguage(language);
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'vi',
    ns: NAMESPACES,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
}

export async function switchLanguage(language: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, language);
  applyLanguage(language);
  await i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'vi';
}
