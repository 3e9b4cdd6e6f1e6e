import { parseArgs, type ParseArgsConfig } from 'node:util';

export const DEFAULT_DB = 'sqlite:./data/vigil.db';
export const DEFAULT_HTTP = '127.0.0.1:8080';
export const DEFAULT_DC09 = '127.0.0.1:12128';

/** parseArgs with strict checking and a readable error. */
export function parse<T extends ParseArgsConfig['options']>(args: string[], options: T, positionals = false) {
  return parseArgs({ args, options, strict: true, allowPositionals: positionals });
}

/** A number option, with a clear error when it is not one. */
export function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got "${value}"`);
  return n;
}
