import type { Services } from '../services.ts';
import { ComplianceService } from '../compliance/compliance-service.ts';
import { RuleService } from '../compliance/rule-service.ts';
import { RegistryService } from './registry-service.ts';

/** The registry, the rules and compliance, built together on the core services. */
export interface RegistryServices {
  registry: RegistryService;
  compliance: ComplianceService;
  rules: RuleService;
}

/**
 * Builds the registry, rule and compliance services. The server calls it once and may store the
 * three on `services` (as `registry`, `compliance`, `rules`).
 *
 * @example
 * Object.assign(services, createRegistryServices(services));
 */
export function createRegistryServices(services: Services): RegistryServices {
  const rules = new RuleService(services);
  return {
    registry: new RegistryService(services),
    compliance: new ComplianceService(services, rules),
    rules,
  };
}

const built = new WeakMap<Services, RegistryServices>();

/**
 * The registry services of `services`: the ones stored on it when the server wired them, else
 * built once per services object (so route modules and CLI functions share one set).
 */
export function registryServicesOf(services: Services): RegistryServices {
  const { registry, compliance, rules } = services;
  const wired = registry instanceof RegistryService && compliance instanceof ComplianceService;
  if (wired && rules instanceof RuleService) return { registry, compliance, rules };
  let set = built.get(services);
  if (!set) built.set(services, (set = createRegistryServices(services)));
  return set;
}
