import { describe, expect, it } from 'vitest';
import { can, type Role } from '../../shared/roles.js';
import { CAPABILITIES, entryPath } from './nav.js';

const entry = (key: string, role: Role) => entryPath(CAPABILITIES.find((c) => c.key === key)!, (p) => can(role, p));

describe('menu entries', () => {
  it('lead each role to the first page of the capability it may use', () => {
    expect(entry('quarantine', 'health_officer')).toBe('/quarantine');
    expect(entry('quarantine', 'steering_member')).toBe('/quarantine/capacity');
    expect(entry('quarantine', 'community_member')).toBe('/quarantine/home');
    expect(entry('testing', 'checkpoint_officer')).toBe('/testing/sampling');
    expect(entry('cases', 'community_member')).toBe('/cases/tasks');
    expect(entry('cases', 'steering_member')).toBeNull();
    expect(entry('vaccination', 'health_officer')).toBeNull();
  });
});
