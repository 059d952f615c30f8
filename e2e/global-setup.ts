/**
 * Starts one web host (the real `twin serve`, as a separate process) on a fresh data folder for the chromium
 * project, and stops it at the end. The specs read its URL from TWIN_E2E_URL.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'twin-e2e-'));
  const child = spawn(process.execPath, ['bin/twin.mjs', 'serve', '--port', '0', '--data-dir', dataDir, '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`twin serve exited early with code ${code}`)));
  });
  const { openUrl } = JSON.parse(line) as { openUrl: string };
  process.env.TWIN_E2E_URL = openUrl;
  process.env.TWIN_E2E_DATA_DIR = dataDir;
  return async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
}
