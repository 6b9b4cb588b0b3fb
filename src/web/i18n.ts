import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { resources, type Lang } from '../shared/i18n/index.js';

const STORAGE_KEY = 'phongdich.lang';

function storedLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
}

const all = resources();
void i18n.use(initReactI18next).init({
  resources: { vi: { translation: all.vi }, en: { translation: all.en } },
  lng: storedLang(),
  fallbackLng: 'vi',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});
applyLang(i18n.language as Lang);

function applyLang(lang: Lang) {
  document.documentElement.lang = lang;
  dayjs.locale(lang === 'vi' ? 'vi' : 'en');
}

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'vi';
}

export async function switchLang(lang: Lang): Promise<void> {
  localStorage.setItem(STORAGE_KEY, lang);
  await i18n.changeLanguage(lang);
  applyLang(lang);
}

export default i18n;
