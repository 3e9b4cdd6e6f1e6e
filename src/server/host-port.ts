/** A listening address. */
export interface HostPort {
  host: string;
  port: number;
}

/** Parses `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (host 127.0.0.1). */
export function parseHostPort(text: string): HostPort {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(text.trim());
  if (!match) throw new Error(`expected HOST:PORT, got "${text}"`);
  const port = Number(match[3]);
  if (port > 65535) throw new Error(`port out of range in "${text}"`);
  return { host: match[1] ?? (match[2] || '127.0.0.1'), port };
}
