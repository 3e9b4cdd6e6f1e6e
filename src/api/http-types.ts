import type { Principal } from '../services/access/principal.ts';
import type { Permission } from '../services/access/roles.ts';

/** What a route declares in its `config`: a permission, any signed-in user, or anyone. */
export type RouteAccess = Permission | 'signed-in' | 'public';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user; set on every non-public route before the handler runs. */
    user: Principal;
  }
  interface FastifyContextConfig {
    permission?: RouteAccess;
  }
}
