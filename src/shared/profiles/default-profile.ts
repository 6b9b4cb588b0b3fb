import type { ProfileRules } from './rules.js';

/** A profile version shipped with the platform, inserted on first start when a disease has none. */
export interface DefaultProfile {
  disease: string;
  version: number;
  label: string;
  effectiveFrom: string;
  notes: string;
  rules: ProfileRules;
}
