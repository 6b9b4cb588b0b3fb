import { useEffect, useState } from 'react';
import type { CitizenCheckinBody, PublicVenueDto, VisitViewDto } from '../../../shared/api/checkins';
import { formatDateTime } from '../../../shared/vn/dates';
import { ApiError, call } from '../api';
import { qrToken } from '../device';
import { t, useLang } from '../i18n';
import { Layout, Notice } from '../Layout';

const VENUE_URL = (token: string) => `/public/checkins/venues/${encodeURIComponent(token)}`;
const CHECKIN_URL = '/public/checkins';
const CHECKOUT_URL = '/public/checkins/checkout';

function messageOf(err: unknown): string {
  return err instanceof ApiError ? err.message : t('citizen.offline');
}

/** The page a visitor's phone opens from the venue poster: one tap records the visit. */
export default function CheckinPage({ venueToken }: { venueToken: string }) {
  useLang();
  const personal = qrToken();
  const [venue, setVenue] = useState<PublicVenueDto | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [visit, setVisit] = useState<VisitViewDto | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call<PublicVenueDto>('GET', VENUE_URL(venueToken))
      .then(setVenue)
      .catch((e: unknown) => setRefusal(messageOf(e)));
  }, [venueToken]);

  async function send(url: string) {
    if (!personal) return;
    setBusy(true);
    setError(null);
    try {
      const body: CitizenCheckinBody = { venueToken, personalQrToken: personal };
      setVisit(await call<VisitViewDto>('POST', url, body));
    } catch (e) {
      setError(e instanceof ApiError ? e : t('citizen.offline'));
    } finally {
      setBusy(false);
    }
  }

  const here = window.location.pathname;
  const declareHref = `/p/khai-bao?quay-lai=${encodeURIComponent(here)}`;
  const qrRefused = error instanceof ApiError && error.field === 'personalQrToken';

  return (
    <Layout title={t('citizen.checkin.title')}>
      {refusal && (
        <Notice kind="error">
          <strong>{t('citizen.checkin.refused')}</strong>
          <br />
          {refusal}
        </Notice>
      )}
      {venue && (
        <section className="card" aria-label={t('citizen.checkin.venueLabel')}>
          <div className="muted">{t('citizen.checkin.venueLabel')}</div>
          <p className="venue-name">{venue.name}</p>
          <div className="muted">
            {venue.addressLine}, {venue.communeName}
          </div>
        </section>
      )}
      {!venue && !refusal && <p>{t('citizen.loading')}</p>}

      {visit && (
        <Notice kind="success">
          <strong>{visit.checkedOutAt ? t('citizen.checkin.checkedOut') : t('citizen.checkin.done')}</strong>
          <p className="big-time">{formatDateTime(visit.checkedOutAt ?? visit.checkedInAt)}</p>
          <div>{visit.venueName}</div>
          {visit.repeated && !visit.checkedOutAt && <p>{t('citizen.checkin.repeated')}</p>}
        </Notice>
      )}
      {error && <Notice kind="error">{typeof error === 'string' ? error : error.message}</Notice>}

      {venue && personal && !qrRefused && (
        <>
          {!visit && (
            <button type="button" className="btn btn-primary btn-huge" disabled={busy} onClick={() => send(CHECKIN_URL)}>
              {busy ? t('citizen.checkin.sending') : t('citizen.checkin.button')}
            </button>
          )}
          {visit && !visit.checkedOutAt && (
            <button type="button" className="btn btn-huge" disabled={busy} onClick={() => send(CHECKOUT_URL)}>
              {busy ? t('citizen.checkin.checkingOut') : t('citizen.checkin.checkOut')}
            </button>
          )}
        </>
      )}
      {venue && (!personal || qrRefused) && (
        <section className="card">
          {!personal && <p>{t('citizen.checkin.needQr')}</p>}
          <a className="btn btn-primary btn-huge" href={declareHref}>
            {personal ? t('citizen.checkin.redeclare') : t('citizen.checkin.declareFirst')}
          </a>
        </section>
      )}
    </Layout>
  );
}
