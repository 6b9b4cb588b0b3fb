import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../roles.js';

export const loginBody = z.object({
  username: z.string().trim().min(1).max(80),
  password: z.string().min(1).max(200),
});

export const meResponse = z.object({
  accountId: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  language: z.enum(['vi', 'en']),
  mustChangePassword: z.boolean(),
  permissions: z.array(z.enum(PERMISSIONS)),
  unit: z.object({ id: z.number(), level: z.enum(['province', 'district', 'commune']), name: z.string(), code: z.string() }),
});
export type Me = z.infer<typeof meResponse>;

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().max(200),
});

export const accountView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: z.number(),
  unitName: z.string(),
  unitLevel: z.enum(['province', 'district', 'commune']),
  language: z.enum(['vi', 'en']),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
});
export type AccountViewDto = z.infer<typeof accountView>;

export const createAccountBody = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: z.number().int(),
  language: z.enum(['vi', 'en']).optional(),
  password: z.string(),
});
export const updateAccountBody = z.object({
  displayName: z.string().optional(),
  role: z.enum(ROLES).optional(),
  unitId: z.number().int().optional(),
  language: z.enum(['vi', 'en']).optional(),
  active: z.boolean().optional(),
});
