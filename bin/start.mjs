#!/usr/bin/env node
// `npm start`: the Electron window where the Electron binary is present; otherwise the loopback web host, saying why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function npmRun(script) {
  const result = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const electron = findElectronBinary();
if ('binary' in electron) {
  if (!existsSync(path.join(root, 'dist', 'app', 'main.cjs')) || !existsSync(path.join(root, 'renderer', 'dist', 'index.html'))) npmRun('build');
  const child = spawn(electron.binary, [path.join(root, 'dist', 'app', 'main.cjs'), ...args], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.error(`The Electron binary is not available: ${electron.missing}.`);
  console.error('Starting the loopback web host instead: the same services and the same UI, in your browser.');
  if (!existsSync(path.join(root, 'renderer', 'dist', 'index.html'))) npmRun('build:renderer');
  const child = spawn(process.execPath, [path.join(root, 'bin', 'twin.mjs'), 'serve', ...args], { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
