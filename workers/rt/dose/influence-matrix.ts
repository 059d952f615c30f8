/**
 * Builds the sparse dose-influence matrix (matRad's `dij`) for a set of beams over a list of dose voxels:
 * for every beam, the radiological depth of every voxel by Siddon ray tracing from the source through the
 * density grid, then for every voxel the bixels within the lateral cutoff and their pencil-beam dose.
 * Each beam's block is independent of the others (beamInfluence), which is how influence-threads.ts splits the
 * work over worker_threads; this file is the single-threaded path and the shared per-beam step.
 */
import { voxelToWorld, worldToVoxel, type Volume } from '../../volume/volume';
import type { JobContext } from '../../process/job-context';
import type { BeamBixels } from '../beams/bixels';
import { kernelAtDepth, gaussianSlab, pencilBeam } from './beam-model';
import { radiologicalPathMm } from './siddon';
import type { InfluenceMatrix } from './sparse';
import { PHOTON_6MV, type PhotonBeamModel } from '../../../assets/rt/photon-6mv';

export interface InfluenceOptions {
  /** Kernels are truncated at this lateral distance (mm, at the voxel's depth) from the bixel centre. */
  lateralCutoffMm: number;
  model?: PhotonBeamModel;
}

export interface BeamsInfluence extends InfluenceMatrix {
  /** Beam index of each bixel (bixels are numbered beam after beam). */
  bixelBeam: Uint16Array;
  /** First bixel of each beam, plus the total at the end. */
  beamStart: Uint32Array;
}

/** One beam's rows of the matrix in CSR form: `ptr` has one entry per bixel of the beam, plus one. */
export interface BeamBlock {
  ptr: Uint32Array;
  voxel: Uint32Array;
  value: Float32Array;
}

/** Per-voxel geometry of one beam: distance along the axis, position on the isocentre plane, radiological depth. */
interface VoxelRays {
  zMm: Float64Array;
  uMm: Float64Array;
  vMm: Float64Array;
  depthMm: Float64Array;
}

export function buildInfluenceMatrix(
  density: Volume<Float32Array>,
  voxels: Uint32Array,
  beams: readonly BeamBixels[],
  options: InfluenceOptions,
  ctx: JobContext,
): BeamsInfluence {
  const blocks: BeamBlock[] = [];
  for (let bi = 0; bi < beams.length; bi++) {
    ctx.throwIfCancelled();
    ctx.progress(bi / beams.length, `dose influence: beam ${bi + 1} of ${beams.length}`);
    blocks.push(beamInfluence(density, voxels, beams[bi]!, options, ctx));
  }
  ctx.progress(1, 'dose influence done');
  return concatenateBeamBlocks(blocks, voxels.length);
}

/** The block of one beam: ray tracing, then the pencil-beam dose of every bixel within reach of every voxel. */
export function beamInfluence(density: Volume<Float32Array>, voxels: Uint32Array, beam: BeamBixels, options: InfluenceOptions, ctx: JobContext): BeamBlock {
  const model = options.model ?? PHOTON_6MV;
  const rays = traceVoxels(density, voxels, beam, ctx);
  return beamColumns(beam, rays, pencilBeam(model).depthFunction, options, ctx);
}

/** Joins the beams' blocks (in beam order) into one matrix: one copy of the entries, the least a joined CSR needs. */
export function concatenateBeamBlocks(blocks: readonly BeamBlock[], nVoxels: number): BeamsInfluence {
  const beamStart = new Uint32Array(blocks.length + 1);
  blocks.forEach((p, i) => (beamStart[i + 1] = beamStart[i]! + p.ptr.length - 1));
  const nBixels = beamStart[blocks.length]!;
  let nnz = 0;
  for (const p of blocks) nnz += p.voxel.length;
  const rowPtr = new Uint32Array(nBixels + 1);
  const voxel = new Uint32Array(nnz);
  const value = new Float32Array(nnz);
  const bixelBeam = new Uint16Array(nBixels);
  let at = 0;
  blocks.forEach((p, bi) => {
    const b0 = beamStart[bi]!;
    for (let b = 0; b < p.ptr.length - 1; b++) {
      rowPtr[b0 + b + 1] = at + p.ptr[b + 1]!;
      bixelBeam[b0 + b] = bi;
    }
    voxel.set(p.voxel, at);
    value.set(p.value, at);
    at += p.voxel.length;
  });
  return { nBixels, nVoxels, rowPtr, voxel, value, bixelBeam, beamStart };
}

function traceVoxels(density: Volume<Float32Array>, voxels: Uint32Array, bixels: BeamBixels, ctx: JobContext): VoxelRays {
  const beam = bixels.beam;
  const n = voxels.length;
  const rays: VoxelRays = { zMm: new Float64Array(n), uMm: new Float64Array(n), vMm: new Float64Array(n), depthMm: new Float64Array(n) };
  const [nx, ny] = density.dims;
  const srcIdx = worldToVoxel(density, beam.source);
  const s = beam.source;
  for (let q = 0; q < n; q++) {
    if ((q & 0x3fff) === 0) ctx.throwIfCancelled();
    const g = voxels[q]!;
    const i = g % nx, j = Math.floor(g / nx) % ny, k = Math.floor(g / (nx * ny));
    const p = voxelToWorld(density, i, j, k);
    const rx = p[0] - s[0], ry = p[1] - s[1], rz = p[2] - s[2];
    const z = rx * beam.axis[0] + ry * beam.axis[1] + rz * beam.axis[2];
    const f = beam.sadMm / z;
    rays.zMm[q] = z;
    rays.uMm[q] = (rx * beam.u[0] + ry * beam.u[1] + rz * beam.u[2]) * f;
    rays.vMm[q] = (rx * beam.v[0] + ry * beam.v[1] + rz * beam.v[2]) * f;
    rays.depthMm[q] = radiologicalPathMm(density, srcIdx, [i, j, k], Math.hypot(rx, ry, rz));
  }
  return rays;
}

/** The CSR block (one row per bixel) of one beam, in two passes: count the entries, then fill them. */
function beamColumns(
  bixels: BeamBixels,
  rays: VoxelRays,
  depthFunction: (d: number) => number,
  options: InfluenceOptions,
  ctx: JobContext,
): BeamBlock {
  const { nCols, nRows, idAt, originUMm, originVMm, bixelMm } = bixels;
  const sad = bixels.beam.sadMm;
  const cutoff = options.lateralCutoffMm;
  const model = options.model ?? PHOTON_6MV;
  const nBix = bixels.uMm.length;
  const count = new Uint32Array(nBix + 1);
  const n = rays.zMm.length;
  // Scratch per-axis kernel fractions for the columns / rows a voxel reaches.
  const maxSpan = 2 * Math.ceil((2 * cutoff) / bixelMm) + 3;
  const fu1 = new Float64Array(maxSpan), fu2 = new Float64Array(maxSpan), du2 = new Float64Array(maxSpan);
  const fv1 = new Float64Array(maxSpan), fv2 = new Float64Array(maxSpan), dv2 = new Float64Array(maxSpan);

  const visit = (q: number, emit: (bixel: number, q: number, value: number) => void, withValues: boolean) => {
    const z = rays.zMm[q]!;
    if (z <= 0) return;
    const scale = z / sad;
    const reach = cutoff / scale;
    const pu = rays.uMm[q]!, pv = rays.vMm[q]!;
    const c0 = Math.max(0, Math.ceil((pu - reach - originUMm) / bixelMm));
    const c1 = Math.min(nCols - 1, Math.floor((pu + reach - originUMm) / bixelMm));
    const r0 = Math.max(0, Math.ceil((pv - reach - originVMm) / bixelMm));
    const r1 = Math.min(nRows - 1, Math.floor((pv + reach - originVMm) / bixelMm));
    if (c0 > c1 || r0 > r1) return;
    let amp = 0;
    const d = rays.depthMm[q]!;
    const k = withValues ? kernelAtDepth(model, d) : undefined;
    const h = (bixelMm * scale) / 2;
    for (let c = c0; c <= c1; c++) {
      const du = (pu - (originUMm + c * bixelMm)) * scale;
      du2[c - c0] = du * du;
      if (k) {
        fu1[c - c0] = gaussianSlab(du, h, k.primarySigmaMm);
        fu2[c - c0] = gaussianSlab(du, h, k.scatterSigmaMm);
      }
    }
    for (let r = r0; r <= r1; r++) {
      const dv = (pv - (originVMm + r * bixelMm)) * scale;
      dv2[r - r0] = dv * dv;
      if (k) {
        fv1[r - r0] = gaussianSlab(dv, h, k.primarySigmaMm);
        fv2[r - r0] = gaussianSlab(dv, h, k.scatterSigmaMm);
      }
    }
    if (k) amp = depthFunction(d) / (scale * scale);
    const cut2 = cutoff * cutoff;
    for (let r = r0; r <= r1; r++) {
      const row = nCols * r;
      for (let c = c0; c <= c1; c++) {
        const id = idAt[row + c]!;
        if (id < 0 || du2[c - c0]! + dv2[r - r0]! > cut2) continue;
        const val = k
          ? amp * (k.primaryWeight * fu1[c - c0]! * fv1[r - r0]! + k.scatterWeight * fu2[c - c0]! * fv2[r - r0]!)
          : 0;
        emit(id, q, val);
      }
    }
  };

  for (let q = 0; q < n; q++) visit(q, (id) => count[id + 1]!++, false);
  for (let b = 0; b < nBix; b++) count[b + 1]! += count[b]!;
  const nnz = count[nBix]!;
  const voxel = new Uint32Array(nnz);
  const value = new Float32Array(nnz);
  const cursor = count.slice(0, nBix);
  for (let q = 0; q < n; q++) {
    if ((q & 0x3fff) === 0) ctx.throwIfCancelled();
    visit(
      q,
      (id, qq, val) => {
        const e = cursor[id]!++;
        voxel[e] = qq;
        value[e] = val;
      },
      true,
    );
  }
  return { ptr: count, voxel, value };
}
