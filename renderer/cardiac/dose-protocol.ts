/**
 * The epinephrine dose protocol as the user types it ("0, 0.025, 0.05"), checked against the limits the job request
 * accepts (main/contract/jobs.ts: 1 to 10 rates, each 0 to 1 µg/kg/min) so a bad entry is explained before a start.
 */

/** The clinical escalating infusion (Vyas H et al. Circulation 2006;113:1385), without its 0.3 step to keep runs short. */
export const DEFAULT_DOSES_UG_PER_KG_MIN = [0, 0.025, 0.05, 0.1, 0.2];

const MAX_DOSES = 10;
const MAX_DOSE_UG_PER_KG_MIN = 1;

export type DoseParse = { ok: true; dosesUgPerKgMin: number[] } | { ok: false; error: string };

export function parseDoses(text: string): DoseParse {
  const parts = text.split(/[,;\s]+/).filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, error: 'Enter at least one dose.' };
  const doses: number[] = [];
  for (const part of parts) {
    const dose = Number(part);
    if (!Number.isFinite(dose)) return { ok: false, error: `"${part}" is not a number.` };
    if (dose < 0 || dose > MAX_DOSE_UG_PER_KG_MIN) return { ok: false, error: `${part} µg/kg/min is outside 0–${MAX_DOSE_UG_PER_KG_MIN}.` };
    if (!doses.includes(dose)) doses.push(dose);
  }
  if (doses.length > MAX_DOSES) return { ok: false, error: `At most ${MAX_DOSES} doses per run.` };
  return { ok: true, dosesUgPerKgMin: doses.sort((a, b) => a - b) };
}

export function formatDoses(dosesUgPerKgMin: number[]): string {
  return dosesUgPerKgMin.join(', ');
}
