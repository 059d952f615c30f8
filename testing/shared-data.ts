/**
 * The one configurable path to the real third-party test data (../shared/data beside the checkout).
 * Set TWIN_SHARED_DATA to point elsewhere. Tests that need it skip with a clear message when it is absent,
 * so a fresh clone without the data still passes.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const sharedDataRoot: string = process.env.TWIN_SHARED_DATA
  ? path.resolve(process.env.TWIN_SHARED_DATA)
  : path.resolve(repoRoot, '..', 'shared', 'data');

/** Absolute path of a file or folder under the shared data root, or undefined when it is not there. */
export function sharedData(relative: string): string | undefined {
  const full = path.join(sharedDataRoot, relative);
  return existsSync(full) ? full : undefined;
}

/** Message for `describe.skipIf(...)`/`it.skipIf(...)` titles when the data is missing. */
export function missingDataMessage(relative: string): string {
  return `skipped: shared test data ${path.join(sharedDataRoot, relative)} is absent (set TWIN_SHARED_DATA)`;
}

export { repoRoot };
