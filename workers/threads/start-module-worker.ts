/**
 * Starts a worker_threads entry that lives beside the caller, from sources or from the Electron bundle alike.
 * From TypeScript sources (tsx, vitest) the worker registers the tsx loader before importing the .ts entry (a
 * worker's --import flag does not cover its own entry module in Node 20); in the esbuild bundle
 * (scripts/build-electron.mjs) the entry is `<name>.cjs` beside the bundle file that import.meta.url names.
 */
import { Worker, type TransferListItem } from 'node:worker_threads';

export function startModuleWorker(callerUrl: string, name: string, workerData: unknown, transferList: readonly TransferListItem[] = []): Worker {
  const fromSources = callerUrl.endsWith('.ts');
  const entry = new URL(`./${name}${fromSources ? '.ts' : '.cjs'}`, callerUrl);
  const options = { workerData, transferList: [...transferList] };
  if (!fromSources) return new Worker(entry, options);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
