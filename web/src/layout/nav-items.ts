import type { Permission } from '../api/types';
import type { MessageKey } from '../i18n/i18n';

export interface NavItem {
  path: string;
  label: MessageKey;
  testId: string;
  /** The permission a user needs to see the screen. */
  permission: Permission;
}

/**
 * The console's screens in menu order. Operators get Alarms, Map and Units; department viewers
 * Units and Compliance; officers everything (see the role grants in src/services/access).
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/alarms', label: 'nav.alarms', testId: 'nav-alarms', permission: 'alarms:read' },
  { path: '/map', label: 'nav.map', testId: 'nav-map', permission: 'alarms:read' },
  { path: '/units', label: 'nav.units', testId: 'nav-units', permission: 'registry:read' },
  {
    path: '/compliance',
    label: 'nav.compliance',
    testId: 'nav-compliance',
    permission: 'compliance:read',
  },
];

export function allowedItems(permissions: readonly Permission[]): NavItem[] {
  return NAV_ITEMS.filter((item) => permissions.includes(item.permission));
}
