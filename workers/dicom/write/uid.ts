/**
 * Deterministic DICOM UIDs. PS3.5 §B.2 allows a UID under the root "2.25" made of the decimal form of a 128-bit
 * UUID; we take the first 128 bits of SHA-256 of a seed string, so the same seed always gives the same UID and
 * different seeds collide with negligible probability. Max length is 2 + 1 + 2 + 39 = 44 characters (< 64).
 */
import { createHash } from 'node:crypto';

export function uidFromSeed(seed: string): string {
  const hex = createHash('sha256').update(seed, 'utf8').digest('hex').slice(0, 32);
  return `2.25.${BigInt(`0x${hex}`).toString(10)}`;
}

/** The Implementation Class UID of files this project writes (PS3.7 D.3.3.2), with its version name (≤ 16 chars). */
export const IMPLEMENTATION_CLASS_UID = uidFromSeed('twin-workstation implementation class');
export const IMPLEMENTATION_VERSION_NAME = 'TWIN_WS_1';
