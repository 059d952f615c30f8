import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff';
import { TransientError, withRetry } from './fhir-client';

describe('exponential backoff with full jitter', () => {
  const policy = { baseMs: 100, capMs: 1000, maxAttempts: 4 };

  it('draws the wait uniformly below min(cap, base·2^n)', () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelayMs(n, policy, () => 0.999999))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(400);
  });

  it('retries transient failures up to maxAttempts, and passes other errors straight through', async () => {
    const fast = { baseMs: 1, capMs: 2, maxAttempts: 4 };
    let calls = 0;
    const retried: number[] = [];
    await expect(
      withRetry(async () => {
        calls++;
        throw new TransientError('HTTP 503', 503);
      }, fast, (_e, n) => retried.push(n)),
    ).rejects.toThrow('HTTP 503');
    expect([calls, retried]).toEqual([4, [1, 2, 3]]);
    calls = 0;
    expect(await withRetry(async () => (++calls < 3 ? Promise.reject(new TransientError('reset')) : 'ok'), fast)).toBe('ok');
    expect(calls).toBe(3);
    calls = 0;
    await expect(withRetry(async () => (calls++, Promise.reject(new Error('bug'))), fast)).rejects.toThrow('bug');
    expect(calls).toBe(1);
  });
});
