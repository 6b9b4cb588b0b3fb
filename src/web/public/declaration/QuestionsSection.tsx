import type { DeclarationForm } from '../../../shared/api/declarations';
import { Check, Choice, fieldDomId, SelectField, TextArea, TextField } from '../fields';
import { pick, t } from '../i18n';
import { countries } from '../countries';
import { UnitPicker } from '../UnitPicker';
import { hasDoses, type FormState, type Place } from './model';

type Set = (patch: Partial<FormState>) => void;
interface Props {
  f: FormState;
  set: Set;
  form: DeclarationForm;
  today: string;
}

function PlacesVisited({ f, set, form, today }: Props) {
  const update = (i: number, patch: Partial<Place>) => set({ places: f.places.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  return (
    <section className="card" id={fieldDomId('answers.placesVisited')} tabIndex={-1}>
      <h2>{t('citizen.declare.placesTitle', { days: form.lookbackDays })}</h2>
      <p className="muted">{t('citizen.declare.placesHint')}</p>
      {f.places.map((p, i) => {
        const base = `answers.placesVisited[${i}]`;
        return (
          <div className="repeat-item" key={i}>
            <Choice
              legend={t('citizen.declare.placeN', { n: i + 1 })}
              value={p.abroad ? 'abroad' : 'vn'}
              options={[
                { value: 'vn', label: t('citizen.declare.inVietnam') },
                { value: 'abroad', label: t('citizen.declare.abroad') },
              ]}
              onChange={(v) => update(i, { abroad: v === 'abroad' })}
            />
            {p.abroad ? (
              <SelectField
                label={t('citizen.fields.country')}
                path={`${base}.country`}
                value={p.country}
                placeholder={t('citizen.unit.choose')}
                options={countries()
                  .filter((c) => c.code !== 'VN')
                  .map((c) => ({ value: c.code, label: c.name }))}
                onChange={(country) => update(i, { country })}
              />
            ) : (
              <UnitPicker legend={t('citizen.fields.placeUnit')} path={`${base}.unitId`} value={p.unitId} onChange={(unitId) => update(i, { unitId })} />
            )}
            <TextField label={t('citizen.fields.placeDate')} path={`${base}.date`} type="date" max={today} value={p.date} onChange={(date) => update(i, { date })} />
            <button type="button" className="btn btn-small btn-danger" onClick={() => set({ places: f.places.filter((_, j) => j !== i) })}>
              {t('citizen.declare.removePlace', { n: i + 1 })}
            </button>
          </div>
        );
      })}
      <button type="button" className="btn btn-block" onClick={() => set({ places: [...f.places, { abroad: false, unitId: null, country: '', date: '' }] })}>
        {t('citizen.declare.addPlace')}
      </button>
    </section>
  );
}

function Symptoms({ f, set, form, today }: Props) {
  const toggle = (code: string, on: boolean) => set({ symptoms: on ? [...f.symptoms, code] : f.symptoms.filter((c) => c !== code) });
  return (
    <section className="card">
      <h2>{t('citizen.declare.symptomsTitle')}</h2>
      <fieldset className="choice" id={fieldDomId('answers.symptoms')}>
        <legend>{t('citizen.declare.symptomsQuestion')}</legend>
        <div className="checks">
          {form.symptoms.map((s) => (
            <Check key={s.code} label={pick(s.name)} checked={f.symptoms.includes(s.code)} onChange={(on) => toggle(s.code, on)} />
          ))}
        </div>
      </fieldset>
      {f.symptoms.length > 0 && (
        <TextField label={t('citizen.fields.onsetDate')} path="answers.onsetDate" type="date" max={today} value={f.onsetDate} onChange={(onsetDate) => set({ onsetDate })} />
      )}
    </section>
  );
}

function Exposures({ f, set, form }: Props) {
  const answer = (code: string, detail: string | undefined) => set({ exposures: { ...f.exposures, [code]: detail } });
  return (
    <section className="card" id={fieldDomId('answers.exposures')} tabIndex={-1}>
      <h2>{t('citizen.declare.exposuresTitle')}</h2>
      {form.exposureQuestions.map((q) => {
        const i = Object.entries(f.exposures)
          .filter(([, d]) => d !== undefined)
          .findIndex(([c]) => c === q.code);
        const yes = f.exposures[q.code] !== undefined;
        return (
          <div key={q.code}>
            <Choice
              legend={pick(q.name)}
              value={yes ? 'yes' : 'no'}
              options={[
                { value: 'no', label: t('citizen.declare.no') },
                { value: 'yes', label: t('citizen.declare.yes') },
              ]}
              onChange={(v) => answer(q.code, v === 'yes' ? '' : undefined)}
            />
            {yes && <TextArea label={t('citizen.fields.exposureDetail')} path={`answers.exposures[${i}].detail`} value={f.exposures[q.code] ?? ''} onChange={(d) => answer(q.code, d)} />}
          </div>
        );
      })}
    </section>
  );
}

function Vaccination({ f, set, form, today }: Props) {
  return (
    <section className="card">
      <h2>{t('citizen.declare.vaccinationTitle')}</h2>
      <TextField label={t('citizen.fields.doses')} path="answers.vaccination.doses" type="number" inputMode="numeric" min="0" max="10" value={f.doses} onChange={(doses) => set({ doses })} />
      {hasDoses(f) && (
        <>
          <TextField label={t('citizen.fields.lastDoseDate')} path="answers.vaccination.lastDoseDate" type="date" max={today} value={f.lastDoseDate} onChange={(lastDoseDate) => set({ lastDoseDate })} />
          {form.vaccineProducts.length > 0 && (
            <SelectField
              label={t('citizen.fields.product')}
              path="answers.vaccination.product"
              value={f.product}
              placeholder={t('citizen.declare.productUnknown')}
              options={form.vaccineProducts.map((p) => ({ value: p.code, label: p.name }))}
              onChange={(product) => set({ product })}
            />
          )}
        </>
      )}
    </section>
  );
}

export function QuestionsSection(props: Props) {
  return (
    <>
      <PlacesVisited {...props} />
      <Symptoms {...props} />
      <Exposures {...props} />
      <Vaccination {...props} />
    </>
  );
}
