import { withServices } from '../cli-services.ts';
import { DEFAULT_DB, parse } from '../options.ts';

/** `vigil audit verify`: checks the hash chain; exit 1 and the first broken entry if it fails. */
export async function auditCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    { db: { type: 'string', default: DEFAULT_DB }, head: { type: 'string' } },
    true,
  );
  if (positionals[0] !== 'verify') throw new Error('usage: vigil audit verify [--db URL] [--head SEQ:HASH]');
  const anchor = values.head ? parseHead(values.head) : undefined;
  const result = await withServices(values.db!, (services) => services.audit.verify(5000, anchor), { mustExist: true });
  if (result.ok) {
    const head = result.head ? `; head ${result.head.seq}:${result.head.hash}` : '';
    console.log(`audit log intact: ${result.entries} entries${head}`);
    return 0;
  }
  console.log(`audit log BROKEN at entry ${result.firstBroken!.seq}: ${result.firstBroken!.reason} (${result.entries} entries before it verified)`);
  return 1;
}

/** `SEQ:HASH`, as printed by an earlier verify or logged by the server. */
function parseHead(text: string): { seq: number; hash: string } {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(text);
  if (!match) throw new Error('--head must be SEQ:HASH (the head an earlier verify printed)');
  return { seq: Number(match[1]), hash: match[2] };
}
