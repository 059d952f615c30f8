/**
 * A small FHIR REST client for the sync: one request per call, a timeout on each, and errors sorted into "try again
 * later" (network failure, timeout, 5xx, 429) and "the server said no" (other 4xx, returned as a response for the
 * caller to interpret). `withRetry` adds exponential backoff with jitter on top.
 */
import type { AuthProvider } from './auth';
import { backoffDelayMs, sleep, type BackoffPolicy } from './backoff';

export interface FhirResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** A failure that may succeed if tried again: no answer, a cut answer, or a server-side error. */
export class TransientError extends Error {
  override name = 'TransientError';
  constructor(
    message: string,
    /** HTTP status when the server answered (5xx, 429, 408), undefined for network failures. */
    readonly status?: number,
  ) {
    super(message);
  }
}

const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);

export interface FhirClientOptions {
  timeoutMs: number;
  fetchFn?: typeof fetch;
}

export class FhirClient {
  /** Whether the last request reached the server (null before the first). */
  online: boolean | null = null;
  readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;

  constructor(
    baseUrl: string,
    private readonly auth: AuthProvider,
    private readonly options: FhirClientOptions,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.fetchFn = options.fetchFn ?? fetch;
  }

  /** `target` is a path relative to the base (`Patient/1`, `Observation?…`) or an absolute URL (a `next` link). */
  async request(method: string, target: string, body?: unknown, headers: Record<string, string> = {}): Promise<FhirResponse> {
    let res = await this.send(method, target, body, headers);
    if (res.status === 401 && this.auth.invalidate()) res = await this.send(method, target, body, headers);
    return res;
  }

  private async send(method: string, target: string, body: unknown, headers: Record<string, string>): Promise<FhirResponse> {
    const url = /^https?:\/\//.test(target) ? target : `${this.baseUrl}/${target.replace(/^\/+/, '')}`;
    let res: Response;
    let text: string;
    try {
      res = await this.fetchFn(url, {
        method,
        headers: {
          Accept: 'application/fhir+json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/fhir+json' }),
          ...(await this.auth.headers()),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      // The body is read inside the same try: a connection reset half-way through the answer is a network failure.
      text = await res.text();
    } catch (err) {
      this.online = false;
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      throw new TransientError(`${method} ${url}: ${(err as Error).name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : (cause ?? (err as Error).message)}`);
    }
    this.online = true;
    if (TRANSIENT_STATUS.has(res.status)) throw new TransientError(`${method} ${url}: HTTP ${res.status}`, res.status);
    let parsed: unknown;
    try {
      parsed = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      throw new TransientError(`${method} ${url}: HTTP ${res.status} with a body that is not JSON (cut off?)`);
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }
}

/**
 * Runs `attempt` until it returns, retrying TransientErrors with backoff; the last TransientError is thrown when the
 * policy's attempts are used up. Safe only for requests that may be repeated (GET, or PUT with a client-assigned id).
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  policy: BackoffPolicy,
  onRetry: (error: TransientError, attemptNumber: number) => void = () => undefined,
  signal?: AbortSignal,
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof TransientError) || n + 1 >= policy.maxAttempts) throw err;
      onRetry(err, n + 1);
      await sleep(backoffDelayMs(n, policy), signal);
    }
  }
}
