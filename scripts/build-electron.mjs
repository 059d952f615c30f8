// Bundles the Electron main process, the preload and the worker entry into dist/app as CommonJS (what Electron
// loads), with native modules (better-sqlite3, onnxruntime-node) left external for electron-builder to rebuild.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['electron', 'better-sqlite3', 'onnxruntime-node'],
  logLevel: 'info',
  // import.meta.url has no meaning in CommonJS: map it to the bundle's own file URL.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

await build({
  ...common,
  entryPoints: {
    main: 'main/app/main.ts',
    preload: 'main/app/preload.ts',
    'worker-main': 'workers/process/worker-main.ts',
    // The EP solver's threads load this file by name, beside the worker bundle (workers/ep/threads/thread-pool.ts).
    'monodomain-worker': 'workers/ep/threads/monodomain-worker.ts',
    // The long-lived onnxruntime worker (main/services/models/model-worker-client.ts).
    'model-worker': 'workers/process/kinds/model-worker.ts',
    // The dose engine's threads likewise (workers/rt/dose/influence-threads.ts).
    'influence-worker': 'workers/rt/dose/influence-worker.ts',
  },
  outdir: 'dist/app',
  outExtension: { '.js': '.cjs' },
});
