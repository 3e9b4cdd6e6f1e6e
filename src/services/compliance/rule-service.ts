import type { Services } from '../services.ts';
import type { Principal } from '../access/principal.ts';
import { VigilError } from '../errors.ts';
import { fieldError } from '../registry/field-checks.ts';
import {
  checkRuleSet,
  compileRules,
  DEFAULT_RULES_FILE,
  readRuleFile,
  type CompiledRules,
  type RuleSet,
} from './rule-set.ts';

/** The rule set in force, where it came from, and its lookups. */
export interface ActiveRules {
  ruleSet: RuleSet;
  compiled: CompiledRules;
  source: 'settings' | 'default';
}

const SETTINGS_KEY = 'rules';

/**
 * The active rule set: the one stored in `settings` (key 'rules') when an administrator has
 * replaced it, else the default file. Every read checks the stored text, so a replacement made
 * on another node takes effect here on the next evaluation; compiling happens only on change.
 */
export class RuleService {
  private cached?: { text: string | null; active: ActiveRules };
  private fallback?: ActiveRules;

  constructor(
    private readonly services: Services,
    private readonly defaultFile = DEFAULT_RULES_FILE,
  ) {}

  /** The rule set in force now. */
  async current(): Promise<ActiveRules> {
    const row = await this.services.store.driver.get<{ value: string }>(
      'SELECT value FROM settings WHERE key = ?',
      [SETTINGS_KEY],
    );
    const text = row?.value ?? null;
    if (this.cached && this.cached.text === text) return this.cached.active;
    const active = text === null ? this.defaults() : this.stored(text);
    this.cached = { text, active };
    return active;
  }

  /** The stored rule set; a damaged one is logged and the defaults apply (answers cite them). */
  private stored(text: string): ActiveRules {
    try {
      return activate(checkRuleSet(JSON.parse(text)), 'settings');
    } catch (error) {
      this.services.log.error({ err: error }, 'stored rule set unusable; using the default rules');
      return this.defaults();
    }
  }

  /** Replaces the rule set (permission rules:write); checked, stored and audit-logged. */
  async replace(user: Principal, value: unknown): Promise<RuleSet> {
    if (!this.services.access.can(user, 'rules:write')) {
      throw new VigilError('FORBIDDEN', `role ${user.role} may not rules:write`);
    }
    const ruleSet = checkRuleSet(value);
    const before = await this.current();
    const text = JSON.stringify(ruleSet);
    if (ruleSet.version === before.ruleSet.version && text !== JSON.stringify(before.ruleSet)) {
      // Reports cite the version: two different rule sets must never share one.
      fieldError('version', `the rules changed but version ${ruleSet.version} did not`);
    }
    await this.services.store.driver.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO settings (key, value) VALUES (?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [SETTINGS_KEY, text],
      );
      await this.services.audit.append(user, {
        action: 'rules.replace',
        targetType: 'rules',
        targetId: ruleSet.version,
        detail: { from: before.ruleSet.version, to: ruleSet.version, rules: ruleSet.rules.length },
      }, tx);
    });
    this.services.bus.publish('registry.changed', { kind: 'rules', id: ruleSet.version });
    return ruleSet;
  }

  /** Replaces the rule set with the contents of a JSON file. */
  async replaceFromFile(user: Principal, file: string): Promise<RuleSet> {
    return this.replace(user, readRuleFile(file));
  }

  private defaults(): ActiveRules {
    this.fallback ??= activate(readRuleFile(this.defaultFile), 'default');
    return this.fallback;
  }
}

function activate(ruleSet: RuleSet, source: ActiveRules['source']): ActiveRules {
  return { ruleSet, compiled: compileRules(ruleSet), source };
}
