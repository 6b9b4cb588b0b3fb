import type { DeclarationForm } from '../../../shared/api/declarations';
import { Choice, SelectField, TextField } from '../fields';
import { pick, t } from '../i18n';
import { countries } from '../countries';
import { UnitPicker } from '../UnitPicker';
import type { FormState } from './model';

type Set = (patch: Partial<FormState>) => void;

export function KindSection({ f, set, form }: { f: FormState; set: Set; form: DeclarationForm }) {
  return (
    <section className="card">
      <Choice legend={t('citizen.fields.kind')} path="kind" value={f.kind} options={form.kinds.map((k) => ({ value: k.code, label: pick(k.name) }))} onChange={(kind) => set({ kind })} />
    </section>
  );
}

export function TravelSection({ f, set, form, today }: { f: FormState; set: Set; form: DeclarationForm; today: string }) {
  const tr = f.travel;
  const up = (patch: Partial<FormState['travel']>) => set({ travel: { ...tr, ...patch } });
  return (
    <section className="card">
      <h2>{t('citizen.declare.travelTitle')}</h2>
      <SelectField
        label={t('citizen.fields.vehicleType')}
        path="travel.vehicleType"
        required
        value={tr.vehicleType}
        placeholder={t('citizen.unit.choose')}
        options={form.vehicleTypes.map((v) => ({ value: v.code, label: pick(v.name) }))}
        onChange={(vehicleType) => up({ vehicleType })}
      />
      <TextField label={t('citizen.fields.vehicleNumber')} path="travel.vehicleNumber" required value={tr.vehicleNumber} onChange={(vehicleNumber) => up({ vehicleNumber })} />
      <TextField label={t('citizen.fields.seat')} path="travel.seat" value={tr.seat} onChange={(seat) => up({ seat })} />
      <UnitPicker legend={t('citizen.fields.fromUnitId')} path="travel.fromUnitId" required value={tr.fromUnitId} onChange={(fromUnitId) => up({ fromUnitId })} />
      <UnitPicker legend={t('citizen.fields.toUnitId')} path="travel.toUnitId" required value={tr.toUnitId} onChange={(toUnitId) => up({ toUnitId })} />
      <div className="row">
        <TextField label={t('citizen.fields.departureDate')} path="travel.departureDate" type="date" required value={tr.departureDate} onChange={(departureDate) => up({ departureDate })} />
        <TextField label={t('citizen.fields.arrivalDate')} path="travel.arrivalDate" type="date" min={tr.departureDate || undefined} value={tr.arrivalDate} onChange={(arrivalDate) => up({ arrivalDate })} />
      </div>
    </section>
  );
}

export function ArrivalSection({ f, set, form, today }: { f: FormState; set: Set; form: DeclarationForm; today: string }) {
  const ar = f.arrival;
  const up = (patch: Partial<FormState['arrival']>) => set({ arrival: { ...ar, ...patch } });
  return (
    <section className="card">
      <h2>{t('citizen.declare.arrivalTitle')}</h2>
      <SelectField
        label={t('citizen.fields.travellerCategory')}
        path="arrival.travellerCategory"
        required
        value={ar.travellerCategory}
        placeholder={t('citizen.unit.choose')}
        options={form.travellerCategories.map((c) => ({ value: c.code, label: pick(c.name) }))}
        onChange={(travellerCategory) => up({ travellerCategory })}
      />
      <TextField label={t('citizen.fields.borderGate')} path="arrival.borderGate" required hint={t('citizen.declare.borderGateHint')} value={ar.borderGate} onChange={(borderGate) => up({ borderGate })} />
      <SelectField
        label={t('citizen.fields.countryFrom')}
        path="arrival.countryFrom"
        required
        value={ar.countryFrom}
        placeholder={t('citizen.unit.choose')}
        options={countries()
          .filter((c) => c.code !== 'VN')
          .map((c) => ({ value: c.code, label: c.name }))}
        onChange={(countryFrom) => up({ countryFrom })}
      />
      <TextField label={t('citizen.fields.arrivalDate')} path="arrival.arrivalDate" type="date" required max={today} value={ar.arrivalDate} onChange={(arrivalDate) => up({ arrivalDate })} />
    </section>
  );
}
