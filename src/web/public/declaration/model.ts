import type { DeclarationInput, LatestResponse } from '../../../shared/api/declarations';
import type { DocType, Sex } from '../../../shared/api/people';

type Travel = NonNullable<DeclarationInput['travel']>;
type Arrival = NonNullable<DeclarationInput['arrival']>;

/** The form as the inputs hold it: strings for what the user types, ids for picked units. */
export interface Place {
  abroad: boolean;
  unitId: number | null;
  country: string;
  date: string;
}

export interface FormState {
  kind: string;
  phone: string;
  fullName: string;
  docType: string;
  docNumber: string;
  birthYear: string;
  birthDate: string;
  sex: string;
  nationality: string;
  email: string;
  communeId: number | null;
  addressLine: string;
  places: Place[];
  symptoms: string[];
  onsetDate: string;
  exposures: Record<string, string | undefined>;
  doses: string;
  lastDoseDate: string;
  product: string;
  travel: { vehicleType: string; vehicleNumber: string; seat: string; fromUnitId: number | null; toUnitId: number | null; departureDate: string; arrivalDate: string };
  arrival: { travellerCategory: string; borderGate: string; countryFrom: string; arrivalDate: string };
}

export function emptyForm(): FormState {
  return {
    kind: 'health',
    phone: '',
    fullName: '',
    docType: '',
    docNumber: '',
    birthYear: '',
    birthDate: '',
    sex: '',
    nationality: 'VN',
    email: '',
    communeId: null,
    addressLine: '',
    places: [],
    symptoms: [],
    onsetDate: '',
    exposures: {},
    doses: '0',
    lastDoseDate: '',
    product: '',
    travel: { vehicleType: '', vehicleNumber: '', seat: '', fromUnitId: null, toUnitId: null, departureDate: '', arrivalDate: '' },
    arrival: { travellerCategory: '', borderGate: '', countryFrom: '', arrivalDate: '' },
  };
}

const orNull = (v: string) => (v.trim() ? v.trim() : null);
export const hasDoses = (f: FormState) => f.doses.trim() !== '' && f.doses.trim() !== '0';
const numOrNull = (v: string) => (v.trim() ? Number(v) : null);

/** The request body; the server checks and normalises everything, so nothing is validated here. */
export function toBody(f: FormState): DeclarationInput {
  return {
    kind: f.kind as DeclarationInput['kind'],
    answers: {
      identity: {
        phone: orNull(f.phone),
        fullName: f.fullName,
        docType: orNull(f.docType) as DocType | null,
        docNumber: orNull(f.docNumber),
        birthYear: numOrNull(f.birthYear),
        birthDate: orNull(f.birthDate),
        sex: f.sex as Sex,
        nationality: f.nationality,
        addressLine: f.addressLine,
        communeId: f.communeId as number,
      },
      email: orNull(f.email),
      placesVisited: f.places.map((p) => ({ unitId: p.abroad ? null : p.unitId, country: p.abroad ? orNull(p.country) : null, date: p.date })),
      symptoms: f.symptoms,
      onsetDate: f.symptoms.length ? orNull(f.onsetDate) : null,
      exposures: Object.entries(f.exposures).flatMap(([code, detail]) => (detail === undefined ? [] : [{ code, detail }])),
      vaccination: {
        doses: f.doses.trim() === '' ? Number.NaN : Number(f.doses),
        lastDoseDate: hasDoses(f) ? orNull(f.lastDoseDate) : null,
        product: hasDoses(f) ? orNull(f.product) : null,
      },
    },
    travel:
      f.kind === 'domestic_travel'
        ? {
            vehicleType: orNull(f.travel.vehicleType) as Travel['vehicleType'],
            vehicleNumber: orNull(f.travel.vehicleNumber),
            seat: orNull(f.travel.seat),
            fromUnitId: f.travel.fromUnitId,
            toUnitId: f.travel.toUnitId,
            departureDate: orNull(f.travel.departureDate),
            arrivalDate: orNull(f.travel.arrivalDate),
          }
        : null,
    arrival:
      f.kind === 'arrival'
        ? {
            travellerCategory: orNull(f.arrival.travellerCategory) as Arrival['travellerCategory'],
            borderGate: orNull(f.arrival.borderGate),
            countryFrom: orNull(f.arrival.countryFrom),
            arrivalDate: orNull(f.arrival.arrivalDate),
          }
        : null,
  };
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const id = (v: unknown) => (typeof v === 'number' ? v : null);
type Rec = Record<string, unknown>;

/**
 * The last declaration as a starting point for an update. Places visited and symptoms are about
 * the days before it, so they are not carried over; identity, address, vaccination and the trip are.
 */
export function fromLatest(latest: LatestResponse): FormState {
  const f = emptyForm();
  const a = latest.answers as Rec;
  const p = (a.identity ?? {}) as Rec;
  const v = (a.vaccination ?? {}) as Rec;
  const tr = (latest.travel ?? {}) as Rec;
  const ar = (latest.arrival ?? {}) as Rec;
  return {
    ...f,
    kind: latest.kind,
    phone: str(p.phone),
    fullName: str(p.fullName),
    docType: str(p.docType),
    docNumber: str(p.docNumber),
    birthYear: str(p.birthYear),
    birthDate: str(p.birthDate),
    sex: str(p.sex),
    nationality: str(p.nationality) || 'VN',
    email: str(a.email),
    communeId: id(p.communeId),
    addressLine: str(p.addressLine),
    doses: str(v.doses) || '0',
    lastDoseDate: str(v.lastDoseDate),
    product: str(v.product),
    travel: {
      vehicleType: str(tr.vehicleType),
      vehicleNumber: str(tr.vehicleNumber),
      seat: str(tr.seat),
      fromUnitId: id(tr.fromUnitId),
      toUnitId: id(tr.toUnitId),
      departureDate: str(tr.departureDate),
      arrivalDate: str(tr.arrivalDate),
    },
    arrival: { travellerCategory: str(ar.travellerCategory), borderGate: str(ar.borderGate), countryFrom: str(ar.countryFrom), arrivalDate: str(ar.arrivalDate) },
  };
}
