/**
 * The patient-heart form as the user fills it, turned into the `ep.heart` job input (input contract in
 * main/contract/jobs.ts) with every out-of-range entry explained before a start rather than refused by the job.
 */
import type { RequestOf } from '../../../main/contract/channels';

export type HeartRunInput = Extract<RequestOf<'jobs.start'>, { kind: 'ep.heart' }>['input'];
type Genotype = HeartRunInput['genotype'];
export type Vec3 = [number, number, number];

/** What the form holds: numbers as typed (strings), so a half-typed entry is not lost on a re-render. */
export interface HeartForm {
  genotype: Genotype;
  doseUgPerKgMin: number;
  protocolKind: 's1s4' | 'burst';
  s1CycleMs: string;
  s1Beats: string;
  /** "300, 260": S2..S4 coupling intervals, ms */
  couplingsMs: string;
  burstCycleMs: string;
  burstBeats: string;
  gridMm: string;
  pacingSiteLps: Vec3 | null;
  scar: { centreLps: Vec3 | null; radiusMm: string; borderMm: string } | null;
}

/** A 600 ms S1 train of three beats with one S2 at 300 ms: a classic programmed stimulation start, short to run. */
export const DEFAULT_HEART_FORM: HeartForm = {
  genotype: 'control',
  doseUgPerKgMin: 0,
  protocolKind: 's1s4',
  s1CycleMs: '600',
  s1Beats: '3',
  couplingsMs: '300',
  burstCycleMs: '250',
  burstBeats: '8',
  gridMm: '1',
  pacingSiteLps: null,
  scar: null,
};

type Built = { ok: true; input: HeartRunInput } | { ok: false; error: string };

/** A number typed into `field`, or the reason it is not acceptable. */
function readNumber(text: string, field: string, [min, max]: [number, number], integer = false): number | string {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) return `${field}: "${text}" is not a number.`;
  if (integer && !Number.isInteger(value)) return `${field} must be a whole number.`;
  if (value < min || value > max) return `${field} must lie in ${min}–${max}.`;
  return value;
}

/** Limits: the grid as the job accepts it (0.5–2 mm); pacing limits wide enough for any clinical protocol. */
const LIMITS = {
  s1CycleMs: [250, 2000] as [number, number],
  s1Beats: [1, 20] as [number, number],
  couplingMs: [120, 1000] as [number, number],
  burstCycleMs: [100, 1000] as [number, number],
  burstBeats: [1, 50] as [number, number],
  gridMm: [0.5, 2] as [number, number],
  scarRadiusMm: [1, 40] as [number, number],
  borderMm: [0, 20] as [number, number],
};
const MAX_EXTRASTIMULI = 3;

/** `seriesRef`: the CT's series key, which the job resolves like a SeriesInstanceUID and which also names one part of a series split by geometry. */
export function buildHeartRunInput(form: HeartForm, seriesRef: string): Built {
  const fail = (error: string): Built => ({ ok: false, error });
  const s1CycleMs = readNumber(form.s1CycleMs, 'S1 cycle length (ms)', LIMITS.s1CycleMs);
  if (typeof s1CycleMs === 'string') return fail(s1CycleMs);
  const s1Beats = readNumber(form.s1Beats, 'S1 beats', LIMITS.s1Beats, true);
  if (typeof s1Beats === 'string') return fail(s1Beats);
  const gridMm = readNumber(form.gridMm, 'Grid (mm)', LIMITS.gridMm);
  if (typeof gridMm === 'string') return fail(gridMm);

  const protocol: HeartRunInput['protocol'] = { kind: form.protocolKind, s1CycleMs, s1Beats, couplingsMs: [] };
  if (form.protocolKind === 's1s4') {
    const parts = form.couplingsMs.split(/[,;\s]+/).filter((p) => p !== '');
    if (parts.length > MAX_EXTRASTIMULI) return fail(`At most ${MAX_EXTRASTIMULI} extrastimuli (S2–S4).`);
    for (const [n, part] of parts.entries()) {
      const coupling = readNumber(part, `S${n + 2} coupling (ms)`, LIMITS.couplingMs);
      if (typeof coupling === 'string') return fail(coupling);
      protocol.couplingsMs.push(coupling);
    }
  } else {
    const burstCycleMs = readNumber(form.burstCycleMs, 'Burst cycle length (ms)', LIMITS.burstCycleMs);
    if (typeof burstCycleMs === 'string') return fail(burstCycleMs);
    const burstBeats = readNumber(form.burstBeats, 'Burst beats', LIMITS.burstBeats, true);
    if (typeof burstBeats === 'string') return fail(burstBeats);
    Object.assign(protocol, { burstCycleMs, burstBeats });
  }

  const input: HeartRunInput = { seriesInstanceUID: seriesRef, genotype: form.genotype, doseUgPerKgMin: form.doseUgPerKgMin, protocol, gridMm };
  if (form.pacingSiteLps) input.pacingSiteLps = form.pacingSiteLps;
  if (form.scar) {
    if (!form.scar.centreLps) return fail('Click on the heart to place the scar centre, or remove the scar.');
    const radiusMm = readNumber(form.scar.radiusMm, 'Scar radius (mm)', LIMITS.scarRadiusMm);
    if (typeof radiusMm === 'string') return fail(radiusMm);
    const borderMm = readNumber(form.scar.borderMm, 'Border zone (mm)', LIMITS.borderMm);
    if (typeof borderMm === 'string') return fail(borderMm);
    input.scar = { centreLps: form.scar.centreLps, radiusMm, borderMm };
  }
  return { ok: true, input };
}

/** "S1 600 ms × 3, S2 300 ms" or "S1 600 ms × 3, burst 250 ms × 8": the protocol in one line. */
export function describeProtocol(protocol: HeartRunInput['protocol']): string {
  const s1 = `S1 ${protocol.s1CycleMs} ms × ${protocol.s1Beats}`;
  if (protocol.kind === 'burst') return `${s1}, burst ${protocol.burstCycleMs ?? '?'} ms × ${protocol.burstBeats ?? '?'}`;
  return [s1, ...protocol.couplingsMs.map((c, n) => `S${n + 2} ${c} ms`)].join(', ');
}
