import { useEffect, type ReactNode } from 'react';
import { setLang, t, useLang, type Lang } from './i18n';

const LANG_NAMES: Record<Lang, string> = { vi: 'Tiếng Việt', en: 'English' };

/** The official-looking band every citizen page shares: app name, page title, language switch. */
export function Layout({ title, children }: { title: string; children: ReactNode }) {
  const lang = useLang();
  useEffect(() => {
    document.title = `${title} – ${t('common.appName')}`;
  }, [title, lang]);
  return (
    <>
      <header className="band">
        <div className="band-inner">
          <div className="band-text">
            <div className="band-app">{t('common.appName')}</div>
            <h1 className="band-title">{title}</h1>
          </div>
          <div className="lang-switch" role="group" aria-label={t('citizen.layout.language')}>
            {(['vi', 'en'] as const).map((l) => (
              <button key={l} type="button" lang={l} aria-pressed={lang === l} aria-label={LANG_NAMES[l]} onClick={() => setLang(l)}>
                {l.toUpperCase()}
              </button>
            ))}
          </div>
        </div>
      </header>
      <main className="page">{children}</main>
      <footer className="foot">{t('citizen.layout.footer')}</footer>
    </>
  );
}

export function Notice({ kind, children }: { kind: 'error' | 'success' | 'info' | 'warn'; children: ReactNode }) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
