/** A failed GitHub API call. `rateLimited` separates a rate limit (retry later) from a refusal (no permission). */
export class GitHubApiError extends Error {
  override name = 'GitHubApiError';
  constructor(
    readonly status: number,
    message: string,
    readonly rateLimited = false,
  ) {
    super(message);
  }
}

export interface HttpOptions {
  /** Per attempt, headers and body included. */
  timeoutMs: number;
  /** Attempts per call, the first included. */
  attempts: number;
  /** A rate limit asking to wait longer than this is reported instead of waited out. */
  maxWaitMs: number;
}

export const DEFAULT_HTTP: HttpOptions = { timeoutMs: 30_000, attempts: 3, maxWaitMs: 60_000 };

export interface HttpResult {
  status: number;
  data: unknown;
  /** The `rel="next"` URL of a paginated answer. */
  next?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long GitHub asks us to wait (ms), or undefined when the answer is no rate limit. */
export function rateLimitWait(status: number, headers: Headers, text: string, now = Date.now()): number | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && /^\d{1,6}$/.test(retryAfter.trim())) return Number(retryAfter.trim()) * 1000;
  const remaining = headers.get('x-ratelimit-remaining');
  const reset = headers.get('x-ratelimit-reset');
  if (remaining === '0' && reset !== null && /^\d{1,12}$/.test(reset.trim())) return Math.max(0, Number(reset.trim()) * 1000 - now) + 1000;
  // A secondary rate limit without headers: GitHub's documentation says to wait at least a minute.
  if (status === 429 || /secondary rate limit|abuse detection/i.test(text)) return 60_000;
  return undefined;
}

function nextLink(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const m = /^\s*<([^<>\s]+)>\s*;\s*rel="next"\s*$/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * One REST call with a timeout per attempt and bounded retries. Reads (GET, PATCH, DELETE are
 * idempotent) are retried after timeouts and 5xx answers; a POST only after a rate limit, which
 * means GitHub did not act on it, so a retry never posts a comment twice.
 */
export async function requestJson(url: string, init: { method: string; headers: Record<string, string>; body?: string }, options: HttpOptions = DEFAULT_HTTP): Promise<HttpResult> {
  const idempotent = init.method !== 'POST';
  const what = `${init.method} ${new URL(url).pathname}`;
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= options.attempts;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs), redirect: 'error' });
      text = await response.text();
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
      const reason = timedOut ? `no complete answer within ${options.timeoutMs / 1000} s` : `network error (${(error as Error).message})`;
      if (idempotent && !last) {
        await sleep(1000 * attempt);
        continue;
      }
      throw new GitHubApiError(0, `${what}: ${reason} (attempt ${attempt} of ${idempotent ? options.attempts : 1})`);
    }
    if (response.ok) return { status: response.status, data: text === '' ? undefined : JSON.parse(text), next: nextLink(response.headers.get('link')) };
    const wait = rateLimitWait(response.status, response.headers, text);
    const serverError = idempotent && response.status >= 500;
    if ((wait !== undefined || serverError) && !last && (wait ?? 0) <= options.maxWaitMs) {
      await sleep(wait ?? 1000 * attempt);
      continue;
    }
    const detail = text.slice(0, 200).replace(/\s+/g, ' ');
    if (wait !== undefined) {
      const kind = response.status === 403 ? 'secondary rate limit (HTTP 403)' : `rate limit (HTTP ${response.status})`;
      throw new GitHubApiError(response.status, `${what}: GitHub ${kind}; asked to wait ${Math.ceil(wait / 1000)} s, gave up after ${attempt} attempt(s): ${detail}`, true);
    }
    throw new GitHubApiError(response.status, `${what} answered ${response.status}: ${detail}`);
  }
}
