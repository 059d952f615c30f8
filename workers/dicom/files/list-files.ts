/**
 * Expands the files and folders a user chose into a sorted list of regular files (folders recursively). Symbolic
 * links are followed, but each real folder is visited once so a link loop on a USB stick cannot hang the import.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export interface ListedFiles {
  files: string[];
  errors: { file: string; reason: string }[];
}

export function listFiles(paths: string[]): ListedFiles {
  const files: string[] = [];
  const errors: ListedFiles['errors'] = [];
  const seenDirs = new Set<string>();

  const visit = (p: string): void => {
    let stat;
    try {
      stat = statSync(p);
    } catch (e) {
      errors.push({ file: p, reason: `cannot open: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    if (stat.isFile()) {
      files.push(p);
      return;
    }
    if (!stat.isDirectory()) return;
    const real = realpathSync(p);
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let names: string[];
    try {
      names = readdirSync(p).sort();
    } catch (e) {
      errors.push({ file: p, reason: `cannot list the folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    for (const name of names) visit(path.join(p, name));
  };

  for (const p of paths) visit(path.resolve(p));
  return { files, errors };
}
