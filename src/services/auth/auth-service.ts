import crypto from 'node:crypto';

import type { SqlDriver } from '../../store/driver.ts';
import type { Principal } from '../access/principal.ts';
import { isRole, NEEDS_JURISDICTION, NEEDS_UNIT, type Role } from '../access/roles.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { invalid, VigilError } from '../errors.ts';
import { LoginLimiter } from './login-limiter.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';

interface UserRow {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  jurisdiction: string | null;
  unit_id: string | null;
  display_name: string;
  disabled: number;
}

/** What a username may hold: ASCII letters and digits, `.`, `_`, `@`, `-`. */
const USERNAME = /^[A-Za-z0-9_.@-]{2,64}$/;

/** Session lifetimes: a shift, and an idle limit the open console keeps refreshing. */
export const SESSION_MAX_MS = 12 * 3600_000;
export const SESSION_IDLE_MS = 30 * 60_000;

const principalOf = (row: UserRow): Principal => ({
  id: row.id,
  username: row.username,
  role: row.role as Role,
  jurisdiction: row.jurisdiction,
  unitId: row.unit_id,
  displayName: row.display_name || row.username,
});

/** The stored form of a session token. */
export const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** New user's fields. */
export interface NewUser {
  username: string;
  password: string;
  role: string;
  jurisdiction?: string | null;
  unitId?: string | null;
  displayName?: string;
}

/** Users, password checks and sessions. Tokens are random; only their SHA-256 is stored. */
export class AuthService {
  readonly limiter = new LoginLimiter();

  constructor(
    private readonly driver: SqlDriver,
    private readonly audit: AuditLog,
  ) {}

  /** Creates a user (or replaces its password and role when `upsert` is set). */
  async addUser(actor: Principal, user: NewUser, upsert = false): Promise<Principal> {
    this.validate(user);
    const hash = await hashPassword(user.password);
    const ended: string[] = [];
    const saved = await this.driver.transaction(async (tx) => {
      const existing = await tx.get<UserRow>('SELECT * FROM users WHERE LOWER(username) = LOWER(?)', [user.username]);
      if (existing && !upsert) throw new VigilError('CONFLICT', `user ${existing.username} exists`);
      await this.checkLimits(tx, user);
      const id = existing?.id ?? crypto.randomUUID();
      const values = [hash, user.role, user.jurisdiction ?? null, user.unitId ?? null, user.displayName ?? ''];
      // A new password or role ends the sessions opened under the old ones.
      if (existing) ended.push(...(await this.endSessions(tx, existing.id)));
      if (existing) {
        await tx.run(
          `UPDATE users SET password_hash = ?, role = ?, jurisdiction = ?, unit_id = ?,
           display_name = ?, disabled = 0 WHERE id = ?`,
          [...values, id],
        );
      } else {
        await tx.run(
          `INSERT INTO users (password_hash, role, jurisdiction, unit_id, display_name, id,
           username, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [...values, id, user.username, Date.now()],
        );
      }
      await this.audit.append(actor, {
        action: existing ? 'user.update' : 'user.create',
        targetType: 'user',
        targetId: user.username,
        detail: { role: user.role, jurisdiction: user.jurisdiction ?? null, unitId: user.unitId ?? null },
      }, tx);
      const row = await tx.get<UserRow>('SELECT * FROM users WHERE id = ?', [id]);
      return principalOf(row!);
    });
    for (const tokenHash of ended) this.onEnded?.(tokenHash, saved.username);
    return saved;
  }

  /** Disables a user: no sign-in, every session ended at once. */
  async disableUser(actor: Principal, username: string): Promise<void> {
    const row = await this.findUser(username);
    if (!row) throw new VigilError('NOT_FOUND', `user ${username} does not exist`);
    const ended = await this.driver.transaction(async (tx) => {
      await tx.run('UPDATE users SET disabled = 1 WHERE id = ?', [row.id]);
      const hashes = await this.endSessions(tx, row.id);
      await this.audit.append(actor, { action: 'user.disable', targetType: 'user', targetId: row.username }, tx);
      return hashes;
    });
    for (const tokenHash of ended) this.onEnded?.(tokenHash, row.username);
  }

  private async endSessions(tx: SqlDriver, userId: string): Promise<string[]> {
    const rows = await tx.all<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE user_id = ?', [userId]);
    await tx.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
    return rows.map((r) => r.token_hash);
  }

  /** Checks a password and opens a session; throttles repeated failures. */
  async login(username: string, password: string, address: string) {
    const wait = this.limiter.retryAfter(username, address);
    if (wait > 0) {
      throw new VigilError('RATE_LIMITED', 'too many failed logins; try again later', {
        retryAfterS: Math.ceil(wait / 1000),
      });
    }
    this.limiter.fail(username, address);
    // Usernames are ASCII (see validate): anything else matches nobody, whatever LOWER() makes
    // of it in the database (PostgreSQL folds "İ" to "i").
    const row = USERNAME.test(username) ? await this.findUser(username) : undefined;
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (!row || !ok || row.disabled) throw new VigilError('BAD_CREDENTIALS', 'wrong username or password');
    this.limiter.succeed(username, address);
    const token = crypto.randomBytes(32).toString('base64url');
    const now = Date.now();
    await this.driver.run(
      'INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
      [tokenHash(token), row.id, now, now + SESSION_MAX_MS, now],
    );
    return { token, user: principalOf(row), expiresAt: now + SESSION_MAX_MS };
  }

  /**
   * The user behind a token, refreshing its idle timer (unless `touch` is false: a check is not
   * activity); throws when absent or expired.
   */
  async authenticate(token: string, touch = true): Promise<Principal> {
    const now = Date.now();
    const row = await this.driver.get<UserRow & { expires_at: number; last_seen_at: number; token_hash: string }>(
      `SELECT u.*, s.expires_at, s.last_seen_at, s.token_hash FROM sessions s
       JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
      [tokenHash(token)],
    );
    if (!row) throw new VigilError('AUTH_REQUIRED', 'not signed in');
    if (row.disabled || now > row.expires_at || now - row.last_seen_at > SESSION_IDLE_MS) {
      await this.driver.run('DELETE FROM sessions WHERE token_hash = ?', [row.token_hash]);
      throw new VigilError('SESSION_EXPIRED', 'session expired; sign in again');
    }
    // Write the idle timer at most once a minute: reads should not all become writes.
    if (touch && now - row.last_seen_at > 60_000) {
      await this.driver.run('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?', [now, row.token_hash]);
    }
    return principalOf(row);
  }

  /** Ends the session; `onEnded` hears of it (the WebSocket hub closes its connections). */
  async logout(token: string): Promise<void> {
    const hash = tokenHash(token);
    const row = await this.driver.get<{ username: string }>(
      'SELECT u.username FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?',
      [hash],
    );
    await this.driver.run('DELETE FROM sessions WHERE token_hash = ?', [hash]);
    if (row) this.onEnded?.(hash, row.username);
  }

  /** Called for every session ended by sign-out. */
  onEnded?: (tokenHash: string, username: string) => void;

  /** True while the user has a session that has not expired. */
  async hasSession(username: string): Promise<boolean> {
    const row = await this.driver.get(
      `SELECT 1 AS one FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE LOWER(u.username) = LOWER(?) AND s.expires_at > ? AND s.last_seen_at > ?`,
      [username, Date.now(), Date.now() - SESSION_IDLE_MS],
    );
    return row !== undefined;
  }

  /** Usernames are matched without regard to case: "Admin" is "admin". */
  private findUser(username: string): Promise<UserRow | undefined> {
    return this.driver.get<UserRow>('SELECT * FROM users WHERE LOWER(username) = LOWER(?)', [username]);
  }

  /** The jurisdiction and unit a user is limited to must exist. */
  private async checkLimits(tx: SqlDriver, user: NewUser): Promise<void> {
    if (user.jurisdiction && !(await tx.get('SELECT code FROM jurisdictions WHERE code = ?', [user.jurisdiction]))) {
      invalidField('jurisdiction', `no jurisdiction ${user.jurisdiction}`);
    }
    if (user.unitId && !(await tx.get('SELECT id FROM units WHERE id = ?', [user.unitId]))) {
      invalidField('unit', `no unit ${user.unitId}`);
    }
  }

  async listUsers(): Promise<Principal[]> {
    const rows = await this.driver.all<UserRow>('SELECT * FROM users ORDER BY username');
    return rows.map(principalOf);
  }

  private validate(user: NewUser): void {
    if (!USERNAME.test(user.username)) invalidField('username', 'letters, digits, . _ @ -');
    if (user.password.length < 8) invalidField('password', 'at least 8 characters');
    if (!isRole(user.role)) invalidField('role', `one of the roles (got ${user.role})`);
    const role = user.role as Role;
    if (NEEDS_JURISDICTION.has(role) && !user.jurisdiction) invalidField('jurisdiction', `required for ${role}`);
    if (NEEDS_UNIT.has(role) && !user.unitId) invalidField('unit', `required for ${role}`);
    if (!NEEDS_UNIT.has(role) && user.unitId) invalidField('unit', `only a unit-manager is limited to a unit`);
  }
}

function invalidField(field: string, rule: string): never {
  throw invalid(`${field}: ${rule}`, { field });
}
