import { covid19Profile2021 } from './covid19-2021.js';
import { covid19Profile2022 } from './covid19-2022.js';
import type { DefaultProfile } from './default-profile.js';

/** The profile versions the platform ships with, in version order. */
export const DEFAULT_PROFILES: readonly DefaultProfile[] = [covid19Profile2021, covid19Profile2022];
