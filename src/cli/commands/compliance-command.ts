import { SYSTEM } from '../../services/access/principal.ts';
import { runComplianceReport } from '../../services/compliance/compliance-report.ts';
import { withServices } from '../cli-services.ts';
import { DEFAULT_DB, parse } from '../options.ts';

/** `vigil compliance report --format json|csv`: the city's compliance on stdout. */
export async function complianceCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    { db: { type: 'string', default: DEFAULT_DB }, format: { type: 'string', default: 'json' } },
    true,
  );
  if (positionals[0] !== 'report') throw new Error('usage: vigil compliance report --format json|csv [--db URL]');
  const text = await withServices(values.db!, (services) => runComplianceReport(services, SYSTEM, values.format!), {
    mustExist: true,
  });
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
  return 0;
}
