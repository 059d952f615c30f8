/**
 * Arrhythmia detection while a tissue runs. Fed the membrane potential every few tenths of a millisecond and told
 * when stimuli were given, it reports, each with time, kind and place (LPS mm, named region):
 *  - ectopy: an upstroke more than `ectopyDelayMs` after the last stimulus that is not an EAD (triggered beat),
 *  - ead: a rise of > 3 mV during repolarisation (after the first 60 ms of the action potential, V > −60 mV),
 *  - dad: a rise of > 5 mV from the diastolic minimum without an upstroke,
 *  - conduction-block: tissue that a stimulus reached no part of within its beat,
 *  - re-entry: upstrokes still occurring a full cycle after the last stimulus.
 * Only the first event of each kind per beat is kept: the UI marks where the lightning first struck.
 */
import { voxelToWorld, type LabelMap, type Vec3 } from '../../volume/volume';

export type ArrhythmiaKind = 'ectopy' | 'ead' | 'dad' | 'conduction-block' | 're-entry';

export interface ArrhythmiaEvent {
  kind: ArrhythmiaKind;
  timeMs: number;
  lps: Vec3;
  region: string;
}

const UPSTROKE_MV = -20;
const EAD_RISE_MV = 3;
const DAD_RISE_MV = 5;
const PLATEAU_GUARD_MS = 60;

export class ArrhythmiaMonitor {
  readonly events: ArrhythmiaEvent[] = [];
  private readonly excited: Uint8Array;
  private readonly upstrokeMs: Float32Array;
  private readonly runningMin: Float32Array;
  private readonly flagged: Uint8Array;
  private readonly activatedThisBeat: Uint8Array;
  private readonly seen = new Set<string>();
  private lastStimulusMs = -Infinity;
  private stimulusCount = 0;
  private previous: Float32Array | null = null;

  constructor(
    private readonly mask: LabelMap,
    private readonly voxelOfCell: Int32Array,
    private readonly regionName: (label: number) => string,
    private readonly cycleLengthMs: number,
    private readonly ectopyDelayMs = 80,
  ) {
    const n = voxelOfCell.length;
    this.excited = new Uint8Array(n);
    this.upstrokeMs = new Float32Array(n).fill(-Infinity);
    this.runningMin = new Float32Array(n);
    this.flagged = new Uint8Array(n);
    this.activatedThisBeat = new Uint8Array(n);
  }

  /** Call when a stimulus is delivered; closes the previous beat (conduction-block check). */
  stimulus(timeMs: number): void {
    if (this.stimulusCount > 0) this.checkBlock(timeMs);
    this.lastStimulusMs = timeMs;
    this.stimulusCount++;
    this.activatedThisBeat.fill(0);
  }

  /** Call when the run ends, to close the last beat. */
  finish(timeMs: number): void {
    if (this.stimulusCount > 0) this.checkBlock(timeMs);
  }

  sample(timeMs: number, v: ArrayLike<number>): void {
    const n = this.voxelOfCell.length;
    if (this.previous === null) {
      this.previous = Float32Array.from({ length: n }, (_, c) => v[c]!);
      this.runningMin.set(this.previous);
      return;
    }
    const prev = this.previous;
    for (let c = 0; c < n; c++) {
      const now = v[c]!;
      if (!this.excited[c]) {
        if (prev[c]! < UPSTROKE_MV && now >= UPSTROKE_MV) {
          this.excited[c] = 1;
          this.upstrokeMs[c] = timeMs;
          this.runningMin[c] = now;
          this.flagged[c] = 0;
          this.activatedThisBeat[c] = 1;
          const sinceStimulus = timeMs - this.lastStimulusMs;
          if (sinceStimulus > this.cycleLengthMs) this.report('re-entry', timeMs, c);
          else if (sinceStimulus > this.ectopyDelayMs) this.report('ectopy', timeMs, c);
        } else {
          if (now < this.runningMin[c]!) this.runningMin[c] = now;
          else if (!this.flagged[c] && now - this.runningMin[c]! > DAD_RISE_MV && timeMs - this.lastStimulusMs > this.ectopyDelayMs) {
            this.flagged[c] = 1;
            this.report('dad', timeMs, c);
          }
        }
      } else {
        if (now < -70) {
          // repolarised: back to diastole
          this.excited[c] = 0;
          this.runningMin[c] = now;
          this.flagged[c] = 0;
        } else if (timeMs - this.upstrokeMs[c]! > PLATEAU_GUARD_MS) {
          if (now < this.runningMin[c]!) this.runningMin[c] = now;
          else if (!this.flagged[c] && now - this.runningMin[c]! > EAD_RISE_MV && now > -60) {
            this.flagged[c] = 1;
            this.report('ead', timeMs, c);
          }
        } else this.runningMin[c] = now;
      }
      prev[c] = now;
    }
  }

  private checkBlock(endMs: number): void {
    const n = this.voxelOfCell.length;
    let anyActivated = false;
    let firstResting = -1;
    for (let c = 0; c < n; c++) {
      if (this.activatedThisBeat[c]) anyActivated = true;
      else if (firstResting < 0) firstResting = c;
    }
    if (anyActivated && firstResting >= 0) this.report('conduction-block', endMs, firstResting);
  }

  private report(kind: ArrhythmiaKind, timeMs: number, cell: number): void {
    const beat = this.stimulusCount;
    const key = `${kind}:${beat}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const voxel = this.voxelOfCell[cell]!;
    const [nx, ny] = this.mask.dims;
    const lps = voxelToWorld(this.mask, voxel % nx, Math.floor(voxel / nx) % ny, Math.floor(voxel / (nx * ny)));
    this.events.push({ kind, timeMs, lps, region: this.regionName(this.mask.data[voxel]!) });
  }
}
