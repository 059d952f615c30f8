/**
 * DICOMDIR (PS3.3 F.3, PS3.10 §8): the directory records name their files by Referenced File ID, path components
 * relative to the DICOMDIR's folder separated by backslashes. CDs are often written in upper case while the
 * mounted file system shows lower case, so a component that does not exist is matched case-insensitively.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { DataSet } from 'dicom-parser';
import { TAG } from '../header/dicom-tags';

function resolveCaseInsensitive(root: string, components: string[]): string | undefined {
  let current = root;
  for (const component of components) {
    const exact = path.join(current, component);
    if (existsSync(exact)) {
      current = exact;
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      return undefined;
    }
    const match = names.find((n) => n.toLowerCase() === component.toLowerCase());
    if (!match) return undefined;
    current = path.join(current, match);
  }
  return current;
}

export interface DicomdirReferences {
  files: string[];
  missing: string[];
}

/** The files a DICOMDIR references, resolved against its folder; those not found are listed in `missing`. */
export function dicomdirReferences(dicomdirFile: string, ds: DataSet): DicomdirReferences {
  const root = path.dirname(dicomdirFile);
  const files: string[] = [];
  const missing: string[] = [];
  for (const item of ds.elements[TAG.DirectoryRecordSequence]?.items ?? []) {
    const id = item.dataSet?.string(TAG.ReferencedFileID);
    if (!id) continue;
    // A hostile or broken DICOMDIR must not send us outside its own folder.
    const components = id.split('\\').map((c) => c.trim()).filter((c) => c && c !== '.' && c !== '..');
    const resolved = resolveCaseInsensitive(root, components);
    if (resolved) files.push(resolved);
    else missing.push(path.join(root, ...components));
  }
  return { files, missing };
}
