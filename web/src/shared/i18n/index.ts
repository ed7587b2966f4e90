import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
export const LANGUAGE_STORAGE_KEY = 'guifan.lang';

function storedLanguage(): Language {
  try {
    const v = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (v === 'en' || v === 'zh-CN') return v;
  } catch {
    // localStorage may be unavailable (privacy mode): fall back to the default.
  }
  return 'zh-CN';
}

/**
 * Chinese is the default and ships with the first page; English, the second language, is its own chunk loaded when
 * chosen (the dictionaries are most of the first page's JavaScript otherwise: bundle.e2e.ts keeps it under 400 KB).
 */
async function loadLanguage(lang: Language): Promise<void> {
  if (lang === 'zh-CN' || i18n.hasResourceBundle(lang, 'translation')) return;
  const { default: en } = await import('./en');
  i18n.addResourceBundle('en', 'translation', en);
}

const initial = storedLanguage();
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

/** Resolves once the stored language is ready: main.tsx renders after it, so English users never see a flash of Chinese. */
export const i18nReady: Promise<void> =
  initial === 'zh-CN'
    ? Promise.resolve()
    : loadLanguage(initial)
        .then(() => i18n.changeLanguage(initial))
        .then(() => undefined, () => undefined); // a failed chunk load leaves the page in Chinese, still usable

document.documentElement.lang = initial;

export function setLanguage(lang: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    // not persisted; still switch for this session
  }
  document.documentElement.lang = lang;
  void loadLanguage(lang).then(() => i18n.changeLanguage(lang));
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export default i18n;
