/**
 * Italian first, English second: the language is the reader's last choice (kept in
 * localStorage), Italian otherwise; `<html lang>` always says which one is shown.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en.js';
import { it, type Messages } from './it.js';

export const LANGUAGES = ['it', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const CATALOGUES: Record<Language, Messages> = { it, en };
const STORAGE_KEY = 'valuta.console.lang';

interface I18n {
  readonly lang: Language;
  readonly t: Messages;
  setLang(lang: Language): void;
  /** A date and time in the reader's language, Italian time (where every ente is). */
  formatDateTime(iso: string): string;
  formatDate(iso: string): string;
}

const I18nContext = createContext<I18n | null>(null);

function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'en' ? 'en' : 'it';
  } catch {
    return 'it';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(storedLanguage);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => {
    const locale = lang === 'it' ? 'it-IT' : 'en-GB';
    const dateTime = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Rome',
    });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Europe/Rome' });
    const format = (formatter: Intl.DateTimeFormat) => (iso: string) => {
      const parsed = new Date(iso);
      return Number.isNaN(parsed.getTime()) ? iso : formatter.format(parsed);
    };
    return {
      lang,
      t: CATALOGUES[lang],
      setLang(next) {
        setLangState(next);
        try {
          window.localStorage.setItem(STORAGE_KEY, next);
        } catch {
          // Private browsing: the choice lasts for this page only.
        }
      },
      formatDateTime: format(dateTime),
      formatDate: format(date),
    };
  }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === null) throw new Error('useI18n outside I18nProvider');
  return i18n;
}

/** The messages of the language shown. */
export const useT = (): Messages => useI18n().t;
