// Where the Electron binary is, without `require('electron')`: that call tries to download a missing binary, which
// these build machines cannot (and must not keep trying to) do. ELECTRON_OVERRIDE_DIST_PATH is honoured as electron does.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** @returns {{ binary: string } | { missing: string }} */
export function findElectronBinary() {
  let dir;
  try {
    dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'its download was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD) or failed' };
  const executable = readFileSync(pathFile, 'utf8');
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist');
  const binary = path.join(distDir, executable);
  return existsSync(binary) ? { binary } : { missing: `${binary} does not exist` };
}
