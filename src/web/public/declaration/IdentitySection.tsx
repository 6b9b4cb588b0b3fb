import { Choice, SelectField, TextField } from '../fields';
import { t } from '../i18n';
import { countries } from '../countries';
import { UnitPicker } from '../UnitPicker';
import type { FormState } from './model';

type Set = (patch: Partial<FormState>) => void;
const P = 'answers.identity.';

export function PhoneSection({ f, set }: { f: FormState; set: Set }) {
  return (
    <section className="card">
      <h2>{t('citizen.declare.phoneTitle')}</h2>
      <TextField
        label={t('citizen.fields.phone')}
        path={`${P}phone`}
        type="tel"
        inputMode="tel"
        autoComplete="tel"
        hint={t('citizen.declare.phoneHint')}
        value={f.phone}
        onChange={(phone) => set({ phone })}
      />
    </section>
  );
}

export function IdentitySection({ f, set }: { f: FormState; set: Set }) {
  return (
    <section className="card">
      <h2>{t('citizen.declare.identityTitle')}</h2>
      <TextField label={t('citizen.fields.fullName')} path={`${P}fullName`} required autoComplete="name" value={f.fullName} onChange={(fullName) => set({ fullName })} />
      <SelectField
        label={t('citizen.fields.docType')}
        path={`${P}docType`}
        value={f.docType}
        placeholder={t('citizen.declare.noDocument')}
        options={(['cccd', 'cmnd', 'passport'] as const).map((v) => ({ value: v, label: t(`citizen.docType.${v}`) }))}
        onChange={(docType) => set({ docType })}
      />
      <TextField label={t('citizen.fields.docNumber')} path={`${P}docNumber`} inputMode={f.docType === 'passport' ? 'text' : 'numeric'} value={f.docNumber} onChange={(docNumber) => set({ docNumber })} />
      <div className="row">
        <TextField
          label={t('citizen.fields.birthYear')}
          path={`${P}birthYear`}
          type="number"
          inputMode="numeric"
          required
          value={f.birthYear}
          onChange={(birthYear) => set({ birthYear })}
        />
        <TextField
          label={t('citizen.fields.birthDate')}
          path={`${P}birthDate`}
          type="date"
          value={f.birthDate}
          onChange={(birthDate) => set(birthDate ? { birthDate, birthYear: birthDate.slice(0, 4) } : { birthDate })}
        />
      </div>
      <Choice
        legend={t('citizen.fields.sex')}
        path={`${P}sex`}
        required
        value={f.sex}
        options={(['male', 'female', 'other'] as const).map((v) => ({ value: v, label: t(`citizen.sex.${v}`) }))}
        onChange={(sex) => set({ sex })}
      />
      <SelectField
        label={t('citizen.fields.nationality')}
        path={`${P}nationality`}
        value={f.nationality}
        options={countries().map((c) => ({ value: c.code, label: c.name }))}
        onChange={(nationality) => set({ nationality })}
      />
      <TextField label={t('citizen.fields.email')} path="answers.email" type="email" inputMode="email" autoComplete="email" value={f.email} onChange={(email) => set({ email })} />
    </section>
  );
}

export function AddressSection({ f, set }: { f: FormState; set: Set }) {
  return (
    <section className="card">
      <h2>{t('citizen.declare.addressTitle')}</h2>
      <UnitPicker legend={t('citizen.fields.addressUnit')} path={`${P}communeId`} required requireCommune value={f.communeId} onChange={(communeId) => set({ communeId })} />
      <TextField label={t('citizen.fields.addressLine')} path={`${P}addressLine`} autoComplete="street-address" value={f.addressLine} onChange={(addressLine) => set({ addressLine })} />
    </section>
  );
}
