import { SYSTEM } from '../../services/access/principal.ts';
import { runImport } from '../../services/import/run-import.ts';
import { withServices } from '../cli-services.ts';
import { DEFAULT_DB, parse } from '../options.ts';

/** `vigil import units|systems FILE.csv`: exit 0 when every row was imported, 1 otherwise. */
export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { db: { type: 'string', default: DEFAULT_DB } }, true);
  const [kind, file] = positionals;
  if ((kind !== 'units' && kind !== 'systems') || !file) {
    throw new Error('usage: vigil import units FILE.csv | vigil import systems FILE.csv [--db URL]');
  }
  return withServices(values.db!, (services) => runImport(services, SYSTEM, kind, file));
}
