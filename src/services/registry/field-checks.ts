/**
 * Input checks shared by the registry, the rules and the CSV import. Each check throws a
 * VALIDATION error whose `details.field` names the field, so the API and the import can point
 * at it.
 */
import { invalid, VigilError } from '../errors.ts';

/** Throws the VALIDATION error for one field. */
export function fieldError(field: string, message: string): never {
  throw invalid(`${field}: ${message}`, { field });
}

/** The field a VALIDATION error names, if the error is one. */
export function errorField(error: unknown): string | undefined {
  if (!(error instanceof VigilError) || error.code !== 'VALIDATION') return undefined;
  const details = error.details as { field?: unknown } | undefined;
  return typeof details?.field === 'string' ? details.field : undefined;
}

/** A required string, trimmed, at most `max` characters. */
export function requiredText(value: unknown, field: string, max = 200): string {
  if (typeof value !== 'string' || value.trim() === '') fieldError(field, 'required');
  return limitedText(value, field, max);
}

/** An optional string, trimmed; empty when absent. */
export function optionalText(value: unknown, field: string, max = 500): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') fieldError(field, 'must be text');
  return limitedText(value, field, max);
}

function limitedText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (text.length > max) fieldError(field, `at most ${max} characters`);
  return text;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** A record id: letters, digits, `. _ : -`, at most 64 characters. */
export function recordId(value: unknown, field = 'id'): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    fieldError(field, 'letters, digits and . _ : - only, 1 to 64 characters');
  }
  return value;
}

/** One of a fixed list of words. */
export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fieldError(field, `one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** A number within [min, max], or null when absent. */
export function optionalNumber(
  value: unknown,
  field: string,
  min: number,
  max: number,
): number | null {
  if (value === undefined || value === null || value === '') return null;
  const number = typeof value === 'string' ? Number(value.trim()) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) fieldError(field, 'must be a number');
  if (number < min || number > max) fieldError(field, `must lie between ${min} and ${max}`);
  return number;
}

/** WGS84 latitude and longitude: both or neither. */
export function position(lat: unknown, lon: unknown): { lat: number | null; lon: number | null } {
  const checked = {
    lat: optionalNumber(lat, 'lat', -90, 90),
    lon: optionalNumber(lon, 'lon', -180, 180),
  };
  if ((checked.lat === null) !== (checked.lon === null)) {
    fieldError(checked.lat === null ? 'lat' : 'lon', 'give both lat and lon, or neither');
  }
  return checked;
}

/** A boolean; CSV spellings (1/0, true/false, yes/no, 是/否) are accepted too. */
export function flag(value: unknown, field: string): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (['1', 'true', 'yes', 'y', '是'].includes(text)) return true;
  if (['0', 'false', 'no', 'n', '否'].includes(text)) return false;
  return fieldError(field, 'must be true or false');
}

/** A calendar date written YYYY-MM-DD that exists. */
export function isoDate(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    fieldError(field, 'a date written YYYY-MM-DD');
  }
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    fieldError(field, `${value} is not a calendar date`);
  }
  return value;
}

/** A positive whole number. */
export function positiveInteger(value: unknown, field: string, max = 1_000_000): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    fieldError(field, `a whole number from 1 to ${max}`);
  }
  return value;
}

export { isoTime } from '../../model/time.ts';

/** Today's date (UTC) as YYYY-MM-DD. */
export function today(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}
