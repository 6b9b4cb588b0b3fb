import type { z } from 'zod';
import { zodToAppError } from '../http/zod-errors.js';
import { foldKey } from '../../shared/vn/text.js';
import type { PersonData } from '../../shared/api/people.js';
import type { CommunePlace } from './access.js';

/** Parses input for a service; a problem becomes a validation AppError naming its field (prefix for a bare value). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw zodToAppError(result.error, prefix);
  return result.data;
}

/** The stored columns of a validated person living in a commune. */
export function personColumns(data: PersonData, place: CommunePlace) {
  return {
    docType: data.docType,
    docNumber: data.docNumber,
    phone: data.phone,
    fullName: data.fullName,
    nameKey: foldKey(data.fullName),
    birthDate: data.birthDate,
    birthYear: data.birthYear,
    sex: data.sex,
    nationality: data.nationality,
    addressLine: data.addressLine,
    communeId: place.communeId,
    districtId: place.districtId,
    provinceId: place.provinceId,
  };
}
