/**
 * Retrieved instances are files `<SOPInstanceUID>.dcm` in a staging folder: the name is how a resumed retrieval
 * knows what it has. A file is written under a temporary name and renamed when whole, so a name that exists is a
 * complete instance even after a crash or a cancel.
 */
import { readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { readDicomFile } from '../dicom/header/read-dicom-file';
import { TAG } from '../dicom/header/dicom-tags';
import { textValue } from '../dicom/header/values';
import { PacsError } from './pacs-client';

const UID = /^[0-9]+(\.[0-9]+)*$/;

/**
 * A UID is digits and dots, at most 64 characters (PS3.5 §9.1). Anything else that came from the network or a user
 * is refused before it names a file or goes into a URL path.
 */
export function checkedUid(uid: string): string {
  if (!UID.test(uid) || uid.length > 64) throw new PacsError(`"${uid.slice(0, 80)}" is not a DICOM UID`);
  return uid;
}

export function instanceFileName(sopInstanceUID: string): string {
  return `${checkedUid(sopInstanceUID)}.dcm`;
}

/** The SOP Instance UIDs whose files are complete in folder. */
export function presentInstances(folder: string): Set<string> {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return new Set();
  }
  return new Set(names.filter((n) => n.endsWith('.dcm') && UID.test(n.slice(0, -4))).map((n) => n.slice(0, -4)));
}

const PARTIAL = /^\.incoming-.*\.part$/;

/** A unique temporary name in folder for a file still being written. */
export function partialFile(folder: string): string {
  return path.join(folder, `.incoming-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.part`);
}

/** Removes what a killed attempt left half-written, so it is neither imported nor mistaken for an instance. */
export function removePartialFiles(folder: string): void {
  for (const name of readdirSync(folder)) if (PARTIAL.test(name)) rmSync(path.join(folder, name), { force: true });
}

/** Names a fully written Part 10 file by the SOP Instance UID inside it; returns that UID. */
export function commitInstanceFile(tempFile: string, folder: string): string {
  try {
    const sop = textValue(readDicomFile(tempFile, 'header').dataSet, TAG.SOPInstanceUID);
    if (!sop) throw new PacsError('the PACS sent an object without a SOP Instance UID');
    renameSync(tempFile, path.join(folder, instanceFileName(sop)));
    return sop;
  } catch (err) {
    rmSync(tempFile, { force: true });
    throw err;
  }
}
