/**
 * The audit chain on both databases: it verifies when intact, and `vigil audit verify` names the
 * first entry that was changed or removed behind the database's back.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { silentLogger } from '../../src/log/logger.ts';
import { SYSTEM } from '../../src/services/access/principal.ts';
import { createCoreServices } from '../../src/services/core-services.ts';
import { openStore } from '../../src/store/store.ts';
import { freshDatabase, testDialects } from '../support/stores.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

async function verify(db: string, ...extra: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, ['bin/vigil.mjs', 'audit', 'verify', '--db', db, ...extra], { cwd: root });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

const DISABLE_GUARD = {
  sqlite: 'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete',
  postgres: 'DROP TRIGGER audit_log_no_change ON audit_log',
};

for (const dialect of testDialects()) {
  describe(`audit chain on ${dialect}`, () => {
    it('verifies, then names the first tampered or missing entry', { timeout: 60_000 }, async () => {
      const db = await freshDatabase(dialect);
      const store = await openStore(db.url);
      const services = await createCoreServices(store, silentLogger());
      for (let i = 1; i <= 5; i++) {
        await services.audit.append(SYSTEM, { action: 'test.change', targetType: 'thing', targetId: String(i), detail: { i } });
      }
      const checked = await services.audit.verify();
      assert.equal(checked.ok, true);
      assert.equal(checked.entries, 5);
      assert.equal(checked.head?.seq, 5);
      await store.close();

      const intact = await verify(db.url);
      assert.equal(intact.code, 0);
      assert.match(intact.out, /audit log intact: 5 entries; head 5:[0-9a-f]{64}/);
      const head = /head (5:[0-9a-f]{64})/.exec(intact.out)![1];

      const cut = await openStore(db.url);
      await cut.driver.exec(DISABLE_GUARD[dialect]);
      await cut.driver.run('DELETE FROM audit_log WHERE seq = 5');
      await cut.close();
      assert.equal((await verify(db.url)).code, 0, 'a chain alone cannot see its end cut off');
      const anchored = await verify(db.url, '--head', head);
      assert.equal(anchored.code, 1);
      assert.match(anchored.out, /BROKEN at entry 5: entries after 4 up to the recorded head 5 are missing/);

      const tamper = await openStore(db.url);
      await tamper.driver.run("UPDATE audit_log SET detail = '{\"i\":99}' WHERE seq = 3");
      await tamper.close();
      const changed = await verify(db.url);
      assert.equal(changed.code, 1);
      assert.match(changed.out, /BROKEN at entry 3: content does not match its hash/);

      const remove = await openStore(db.url);
      await remove.driver.run('DELETE FROM audit_log WHERE seq = 2');
      await remove.close();
      const removed = await verify(db.url);
      assert.match(removed.out, /BROKEN at entry 3: entry 2 is missing/);
      await db.drop();
    });
  });
}

describe('audit verify on a database that is not there', () => {
  it('fails instead of creating an empty one and calling it intact', async () => {
    const result = await verify('sqlite:/tmp/vigil-no-such-dir/none.db');
    assert.equal(result.code, 1);
    assert.match(result.out, /no database at/);
  });
});
