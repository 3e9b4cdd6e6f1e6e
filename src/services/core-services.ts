import type { Logger } from 'pino';

import type { Services } from './services.ts';
import { MemoryBus } from '../bus/memory-bus.ts';
import type { Store } from '../store/store.ts';
import { AccessPolicy } from './access/access-policy.ts';
import { AuditLog } from './audit/audit-log.ts';
import { AuthService } from './auth/auth-service.ts';
import { JurisdictionTree } from './registry/jurisdiction-tree.ts';

/** The services every other one builds on: bus, jurisdiction tree, access, audit, auth. */
export async function createCoreServices(store: Store, log: Logger): Promise<Services> {
  const bus = new MemoryBus((error, topic) => log.error({ err: error, topic }, 'bus handler failed'));
  const tree = await new JurisdictionTree(store.driver).load();
  const audit = new AuditLog(store.driver);
  const auth = new AuthService(store.driver, audit);
  auth.onEnded = (tokenHash, username) => bus.publish('session.ended', { tokenHash, username });
  return { store, log, bus, tree, access: new AccessPolicy(tree), audit, auth };
}
