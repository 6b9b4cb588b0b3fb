import type { z } from 'zod';
import { zodToAppError } from '../http/zod-errors.js';

/** Parses input for a service; a problem becomes a validation AppError naming its field (prefix for a bare value). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw zodToAppError(result.error, prefix);
  return result.data;
}
