import { withServices } from '../cli-services.ts';
import { DEFAULT_DB, parse } from '../options.ts';

/** `vigil audit verify`: checks the hash chain; exit 1 and the first broken entry if it fails. */
export async function auditCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { db: { type: 'string', default: DEFAULT_DB } }, true);
  if (positionals[0] !== 'verify') throw new Error('usage: vigil audit verify [--db URL]');
  const result = await withServices(values.db!, (services) => services.audit.verify());
  if (result.ok) {
    console.log(`audit log intact: ${result.entries} entries`);
    return 0;
  }
  console.log(`audit log BROKEN at entry ${result.firstBroken!.seq}: ${result.firstBroken!.reason} (${result.entries} entries before it verified)`);
  return 1;
}
