import { scrub } from './redact.js';

const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504]);

export interface Failure {
  retry: boolean;
  /** Stop trying other models too (bad key, no quota, the run's deadline). */
  fatal: boolean;
  status: string;
  message: string;
  retryAfterMs?: number;
  /** The server answered with an HTTP error: nothing billed. */
  answered?: boolean;
}

function retryAfter(headers: Headers | Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const get = (name: string): string | null | undefined => (headers instanceof Headers ? headers.get(name) : headers[name]);
  const ms = get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Number(ms);
  const value = get('retry-after');
  if (!value) return undefined;
  if (Number.isFinite(Number(value))) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** What an SDK error means for the retry loop; messages are scrubbed of the key. */
export function classify(error: unknown, apiKey: string, apiKeyEnv: string): Failure {
  const e = error as { status?: number; code?: string; message?: string; headers?: Headers | Record<string, string>; name?: string; error?: { code?: string; type?: string } };
  const message = scrub(e?.message ?? String(error), [apiKey]);
  if (typeof e?.status === 'number') {
    const quota = e.code === 'insufficient_quota' || e.error?.code === 'insufficient_quota' || e.error?.type === 'insufficient_quota';
    if (quota) return { retry: false, fatal: true, answered: true, status: 'insufficient_quota', message: `the account has no quota left (${message})` };
    if (e.status === 401 || e.status === 403) return { retry: false, fatal: true, answered: true, status: String(e.status), message: `the API rejected the key (HTTP ${e.status}); check ${apiKeyEnv}` };
    const after = retryAfter(e.headers);
    return { retry: RETRYABLE.has(e.status), fatal: false, answered: true, status: String(e.status), message: `HTTP ${e.status}: ${message}`, ...(after !== undefined ? { retryAfterMs: after } : {}) };
  }
  // Connection refused, reset, DNS, timeouts: worth retrying.
  return { retry: true, fatal: false, status: /timed? ?out/i.test(message) || e?.name?.includes('Timeout') ? 'timeout' : 'connection', message };
}
