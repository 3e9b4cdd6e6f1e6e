import type { Role } from './roles.ts';

/** The signed-in user as every service sees it. */
export interface Principal {
  id: string;
  username: string;
  role: Role;
  /** GB/T 2260 code the user is limited to (with everything under it), if any. */
  jurisdiction: string | null;
  /** The unit a unit manager is limited to. */
  unitId: string | null;
  displayName: string;
}

/** The principal used for actions the platform takes by itself (supervision, imports). */
export const SYSTEM: Principal = {
  id: 'system',
  username: 'system',
  role: 'city-admin',
  jurisdiction: null,
  unitId: null,
  displayName: 'Vigil',
};
