import type { Logger } from 'pino';

import type { Bus } from '../bus/bus.ts';
import type { AccessPolicy } from './access/access-policy.ts';
import type { AuditLog } from './audit/audit-log.ts';
import type { AuthService } from './auth/auth-service.ts';
import type { JurisdictionTree } from './registry/jurisdiction-tree.ts';
import type { Store } from '../store/store.ts';

/**
 * Everything a route or a listener may reach. Built once by the server; services added by
 * later issues join it here.
 */
export interface Services {
  store: Store;
  log: Logger;
  bus: Bus;
  tree: JurisdictionTree;
  access: AccessPolicy;
  audit: AuditLog;
  auth: AuthService;
  [name: string]: unknown;
}
