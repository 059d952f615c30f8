#!/usr/bin/env node
// `npm start`: the Electron window where the Electron binary is present; otherwise the loopback web host, saying why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const binary = require('electron'); // the package exports the binary's path, or throws when it was not downloaded
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch (err) {
    return { missing: err instanceof Error ? err.message.split('\n')[0] : String(err) };
  }
}

function npmRun(script) {
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const electron = electronBinary();
if (typeof electron === 'string') {
  if (!existsSync(path.join(root, 'dist', 'app', 'main.cjs')) || !existsSync(path.join(root, 'renderer', 'dist', 'index.html'))) npmRun('build');
  const child = spawn(electron, [path.join(root, 'dist', 'app', 'main.cjs'), ...args], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = electron?.missing ?? 'the electron package is not installed';
  console.error(`The Electron binary is not available (${why}).`);
  console.error('Starting the loopback web host instead: the same services and the same UI, in your browser.');
  if (!existsSync(path.join(root, 'renderer', 'dist', 'index.html'))) npmRun('build:renderer');
  const child = spawn(process.execPath, [path.join(root, 'bin', 'twin.mjs'), 'serve', ...args], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
