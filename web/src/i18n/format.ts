import type { Language, Translate } from './i18n';

/** Wall-clock time of an ISO instant in the browser's zone: `16:43:07`. */
export function formatTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '';

  return new Date(iso).toLocaleTimeString(language, { hour12: false });
}

/** Date and time of an ISO instant: `2026-12-04 16:43:07` style for the language. */
export function formatDateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '';

  return new Date(iso).toLocaleString(language, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

/** A duration in seconds, short: `45 s`, `3 min 05 s`, `2 h 10 min`. */
export function formatDuration(seconds: number | null | undefined, t: Translate): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';

  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return t('duration.seconds', { s: whole });

  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return t('duration.minutes', { m: minutes, s: pad(whole % 60) });

  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('duration.hours', { h: hours, m: pad(minutes % 60) });

  return t('duration.days', { d: Math.floor(hours / 24), h: hours % 24 });
}

/** Time since an ISO instant, as a duration. */
export function formatAge(iso: string, now: number, t: Translate): string {
  return formatDuration((now - Date.parse(iso)) / 1000, t);
}

const pad = (value: number) => String(value).padStart(2, '0');
