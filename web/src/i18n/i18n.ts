import { useMemo } from 'react';

import { createStore, useStore } from '../live/store';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type { MessageKey } from './en';

export type Language = 'en' | 'zh-CN';

export const LANGUAGES: readonly Language[] = ['en', 'zh-CN'];

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

const STORAGE_KEY = 'vigil.language';

export type Params = Record<string, string | number>;

/** Translates a key, filling `{name}` placeholders from `params`. */
export type Translate = (key: MessageKey, params?: Params) => string;

function initialLanguage(): Language {
  const saved = readSaved();
  if (saved) return saved;

  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  return preferred.some((tag) => tag?.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

function readSaved(): Language | undefined {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    return LANGUAGES.find((language) => language === saved);
  } catch {
    return undefined;
  }
}

export const languageStore = createStore<Language>(initialLanguage());

document.documentElement.lang = languageStore.get();

/** Switches the console's language and remembers it on this browser. */
export function setLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private windows may refuse storage; the switch still applies to this page.
  }
  document.documentElement.lang = language;
  languageStore.set(language);
}

export function translate(language: Language, key: MessageKey, params?: Params): string {
  const text = DICTIONARIES[language][key] ?? en[key] ?? key;
  if (!params) return text;

  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** True when `key` is in the dictionaries: for labels of values the server sends. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/**
 * The translate function for the current language.
 *
 * @example const t = useT(); t('alarms.signalCount', { count: 3 })
 */
export function useT(): Translate {
  const language = useLanguage();
  return useMemo<Translate>(() => (key, params) => translate(language, key, params), [language]);
}

export function useLanguage(): Language {
  return useStore(languageStore, (language) => language);
}

/** Label families for values the server sends: `label(t, 'requirement', 'video')`. */
export type LabelFamily =
  | 'alarmState'
  | 'alarmCategory'
  | 'disposition'
  | 'requirement'
  | 'systemKind'
  | 'systemState'
  | 'unitCategory'
  | 'role'
  | 'obligationStatus'
  | 'action';

/** The translated label of a server value, or the value itself when the console has none. */
export function label(t: Translate, family: LabelFamily, value: string): string {
  const key = `${family}.${value}`;
  return isMessageKey(key) ? t(key) : value;
}
