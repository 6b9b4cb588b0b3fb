import { useState, type FormEvent } from 'react';
import type { VenueInput, VenueType } from '../../../shared/api/checkins';
import { call } from '../api';
import { ErrorContext, SelectField, TextField, type FieldError } from '../fields';
import { placeError } from '../formErrors';
import { t, useLang } from '../i18n';
import { Layout, Notice } from '../Layout';
import { UnitPicker } from '../UnitPicker';

const TYPES = Object.keys({
  market: 1,
  supermarket: 1,
  factory: 1,
  office: 1,
  school: 1,
  restaurant: 1,
  karaoke: 1,
  hospital: 1,
  pharmacy: 1,
  station: 1,
  religious: 1,
  other: 1,
} satisfies Record<VenueType, 1>) as VenueType[];

interface Registered {
  id: number;
  code: string;
  status: string;
}

export default function VenueRegistrationPage() {
  useLang();
  const [v, setV] = useState({ name: '', type: '', addressLine: '', communeId: null as number | null, managerName: '', managerPhone: '', capacity: '' });
  const [fieldError, setFieldError] = useState<FieldError | null>(null);
  const [general, setGeneral] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<Registered | null>(null);
  const set = (patch: Partial<typeof v>) => setV((cur) => ({ ...cur, ...patch }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSending(true);
    setFieldError(null);
    setGeneral(null);
    const body: VenueInput = {
      name: v.name,
      type: v.type as VenueType,
      addressLine: v.addressLine,
      communeId: v.communeId as number,
      managerName: v.managerName,
      managerPhone: v.managerPhone,
      capacity: v.capacity.trim() ? Number(v.capacity) : null,
    };
    try {
      setDone(await call<Registered>('POST', '/public/venues', body));
      window.scrollTo(0, 0);
    } catch (err) {
      const placed = placeError(err);
      setFieldError(placed.field);
      setGeneral(placed.general);
    } finally {
      setSending(false);
    }
  }

  const title = t('citizen.venue.title');
  if (done) {
    return (
      <Layout title={title}>
        <Notice kind="success">
          <strong>{t('citizen.venue.done')}</strong>
        </Notice>
        <section className="card">
          <p>{t('citizen.venue.codeIs')}</p>
          <p className="big-time">{done.code}</p>
          <p>{t(`citizen.venue.status.${done.status}`)}</p>
        </section>
      </Layout>
    );
  }

  return (
    <Layout title={title}>
      <p className="muted">{t('citizen.venue.intro')}</p>
      <ErrorContext.Provider value={fieldError}>
        <form onSubmit={submit} noValidate aria-label={title}>
          <section className="card">
            <h2>{t('citizen.venue.placeTitle')}</h2>
            <TextField label={t('citizen.fields.venueName')} path="name" required value={v.name} onChange={(name) => set({ name })} />
            <SelectField
              label={t('citizen.fields.venueType')}
              path="type"
              required
              value={v.type}
              placeholder={t('citizen.unit.choose')}
              options={TYPES.map((type) => ({ value: type, label: t(`citizen.venue.types.${type}`) }))}
              onChange={(type) => set({ type })}
            />
            <UnitPicker legend={t('citizen.fields.venueUnit')} path="communeId" required requireCommune value={v.communeId} onChange={(communeId) => set({ communeId })} />
            <TextField label={t('citizen.fields.venueAddress')} path="addressLine" required value={v.addressLine} onChange={(addressLine) => set({ addressLine })} />
            <TextField label={t('citizen.fields.capacity')} path="capacity" type="number" inputMode="numeric" min="1" value={v.capacity} onChange={(capacity) => set({ capacity })} />
          </section>
          <section className="card">
            <h2>{t('citizen.venue.managerTitle')}</h2>
            <TextField label={t('citizen.fields.managerName')} path="managerName" required autoComplete="name" value={v.managerName} onChange={(managerName) => set({ managerName })} />
            <TextField
              label={t('citizen.fields.managerPhone')}
              path="managerPhone"
              required
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              value={v.managerPhone}
              onChange={(managerPhone) => set({ managerPhone })}
            />
          </section>
          {fieldError && <Notice kind="error">{t('citizen.declare.fixField', { message: fieldError.message })}</Notice>}
          {general && <Notice kind="error">{general}</Notice>}
          <button type="submit" className="btn btn-primary btn-block btn-huge" disabled={sending}>
            {sending ? t('citizen.declare.sending') : t('citizen.venue.submit')}
          </button>
        </form>
      </ErrorContext.Provider>
    </Layout>
  );
}
