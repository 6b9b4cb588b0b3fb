import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import './public.css';
import { t, useLang } from './i18n';
import { Layout } from './Layout';
import { useLocation } from './router';

const DeclarationPage = lazy(() => import('./declaration/DeclarationPage'));
const CheckinPage = lazy(() => import('./checkin/CheckinPage'));
const ScannerPage = lazy(() => import('./scanner/ScannerPage'));
const VenueRegistrationPage = lazy(() => import('./venue/VenueRegistrationPage'));
const VerifyPage = lazy(() => import('./verify/VerifyPage'));
const ResultsPage = lazy(() => import('./results/ResultsPage'));
const HealthReportPage = lazy(() => import('./health-report/HealthReportPage'));

function Page() {
  useLang();
  return (
    <Suspense fallback={<Layout title={t('citizen.loading')}>{null}</Layout>}>
      <CurrentPage />
    </Suspense>
  );
}

function CurrentPage() {
  const path = useLocation().split('?')[0].replace(/\/+$/, '');
  if (path === '/p/khai-bao') return <DeclarationPage />;
  if (path === '/p/quet') return <ScannerPage />;
  if (path === '/p/dang-ky-dia-diem') return <VenueRegistrationPage />;
  if (path === '/p/kiem-tra-chung-nhan') return <VerifyPage />;
  if (path === '/p/ket-qua-xet-nghiem') return <ResultsPage />;
  if (path === '/p/tu-bao-suc-khoe') return <HealthReportPage />;
  const venue = /^\/p\/c\/([^/]+)$/.exec(path);
  if (venue) return <CheckinPage venueToken={decodeURIComponent(venue[1])} />;
  return <NotFound />;
}

function NotFound() {
  return (
    <Layout title={t('citizen.notFound.title')}>
      <p>{t('citizen.notFound.text')}</p>
      <nav className="link-list" aria-label={t('citizen.notFound.title')}>
        <a className="btn btn-block" href="/p/khai-bao">
          {t('citizen.declare.title')}
        </a>
        <a className="btn btn-block" href="/p/ket-qua-xet-nghiem">
          {t('citizen.results.title')}
        </a>
        <a className="btn btn-block" href="/p/dang-ky-dia-diem">
          {t('citizen.venue.title')}
        </a>
        <a className="btn btn-block" href="/p/quet">
          {t('citizen.scan.title')}
        </a>
      </nav>
    </Layout>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Page />
  </StrictMode>,
);
