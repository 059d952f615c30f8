/**
 * The demo patient: a deterministic synthetic thorax CT (demo-anatomy.ts), its RTSTRUCT and its analytic ground
 * truth. `buildDemoPatient` computes it in memory; `writeDemoPatient` writes outDir/ct/*.dcm, outDir/rtstruct.dcm
 * and outDir/truth.json. Same code, same bytes: every UID is derived from a fixed seed and dates are fixed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeCtSeries, type WrittenImage } from '../dicom/write/ct-image';
import type { EquipmentInfo, PatientInfo, StudyInfo } from '../dicom/write/modules';
import { writePart10File, type DicomDataset } from '../dicom/write/part10';
import { rtStructDataset, type RtRoi } from '../dicom/write/rtstruct';
import { uidFromSeed } from '../dicom/write/uid';
import { createJobContext, type JobContext } from '../process/job-context';
import type { Volume } from '../volume/volume';
import { DEMO_GRID, DEMO_STRUCTURES, DEMO_TISSUES, HU, type DemoStructure } from './demo-anatomy';
import { demoTruth, type DemoTruth } from './demo-truth';
import { rasteriseTissues } from './rasterise-tissues';
import { structureSection } from './structure-contours';

export type { DemoTruth } from './demo-truth';
export { DEMO_STRUCTURES } from './demo-anatomy';

/** Bump when the phantom changes, so its UIDs change with it. */
const PHANTOM_VERSION = 'twin-demo-thorax/v1';
const NOISE_SIGMA_HU = 6;
const NOISE_SEED = 20260101;

export const DEMO_PATIENT: PatientInfo = { name: 'Demo^Thorax', id: 'TWIN-DEMO-001', birthDate: '19600101', sex: 'O' };
const STUDY: StudyInfo = {
  studyInstanceUid: uidFromSeed(`${PHANTOM_VERSION}/study`),
  dateTime: new Date('2026-01-01T09:00:00Z'),
  id: 'DEMO1',
  description: 'Synthetic thorax phantom (Twin Workstation demo)',
  accessionNumber: 'DEMO0001',
};
const EQUIPMENT: EquipmentInfo = { manufacturer: 'Twin Workstation', modelName: 'Analytic thorax phantom', softwareVersions: PHANTOM_VERSION };
const FRAME_OF_REFERENCE_UID = uidFromSeed(`${PHANTOM_VERSION}/frame-of-reference`);
const CT_SERIES_UID = uidFromSeed(`${PHANTOM_VERSION}/ct-series`);

export interface DemoPatient {
  /** HU, axial, LPS, 512 × 512 × 120 at 0.9 × 0.9 × 2.5 mm. */
  ct: Volume<Int16Array>;
  structures: Pick<DemoStructure, 'name' | 'colorRgb' | 'roleHint'>[];
  truth: DemoTruth;
}

export interface WrittenDemoPatient {
  ctFiles: string[];
  rtstructFile: string;
  truthFile: string;
  truth: DemoTruth;
}

export interface BuildDemoOptions {
  /** Compute only CT slices [from, to) (same values as in the whole series); the default is all 120. */
  slices?: { from: number; to: number };
}

export function buildDemoPatient(ctx: JobContext = createJobContext(), options: BuildDemoOptions = {}): DemoPatient {
  const ct = rasteriseTissues(
    DEMO_TISSUES,
    { ...DEMO_GRID, backgroundHu: HU.air, noiseSigmaHu: NOISE_SIGMA_HU, seed: NOISE_SEED, ...(options.slices ? { slices: options.slices } : {}) },
    ctx,
  );
  return {
    ct,
    structures: DEMO_STRUCTURES.map(({ name, colorRgb, roleHint }) => ({ name, colorRgb, roleHint })),
    truth: {
      ...demoTruth(DEMO_STRUCTURES),
      phantom: {
        version: PHANTOM_VERSION,
        grid: { dims: DEMO_GRID.dims, spacingMm: DEMO_GRID.spacing, originLps: DEMO_GRID.origin },
        tissueHu: { ...HU },
        noiseSigmaHu: NOISE_SIGMA_HU,
      },
    },
  };
}

export async function writeDemoPatient(outDir: string, ctx: JobContext): Promise<WrittenDemoPatient> {
  // Forwarding each member (not spreading ctx) keeps a context whose methods live on a class prototype working.
  const stage = (from: number, to: number): JobContext => ({
    signal: ctx.signal,
    throwIfCancelled: () => ctx.throwIfCancelled(),
    progress: (f, m) => ctx.progress(from + f * (to - from), m),
  });
  const demo = buildDemoPatient(stage(0, 0.6));
  const ctDir = path.join(outDir, 'ct');
  await mkdir(ctDir, { recursive: true });
  const images = await writeCtSeries(
    ctDir,
    {
      volumeHu: demo.ct,
      patient: DEMO_PATIENT,
      study: STUDY,
      series: { seriesInstanceUid: CT_SERIES_UID, number: 1, description: 'Thorax CT (synthetic)', patientPosition: 'HFS', bodyPartExamined: 'CHEST' },
      equipment: EQUIPMENT,
      frameOfReferenceUid: FRAME_OF_REFERENCE_UID,
      uidSeed: PHANTOM_VERSION,
      kvp: 120,
    },
    stage(0.6, 0.95),
  );
  ctx.progress(0.95, 'writing the structure set');
  const rtstructFile = path.join(outDir, 'rtstruct.dcm');
  await writePart10File(rtstructFile, demoRtStructDataset(images));
  const truthFile = path.join(outDir, 'truth.json');
  await writeFile(truthFile, `${JSON.stringify(demo.truth, null, 2)}\n`);
  ctx.progress(1, 'demo patient written');
  return { ctFiles: images.map((i) => i.file), rtstructFile, truthFile, truth: demo.truth };
}

/**
 * The demo RT Structure Set over the written CT images: one ROI per structure, its contours being the structure's
 * exact cross-sections on each image's plane.
 */
export function demoRtStructDataset(images: readonly WrittenImage[]): DicomDataset {
  const rois: RtRoi[] = DEMO_STRUCTURES.map((s, n) => ({
    number: n + 1,
    name: s.name,
    colorRgb: s.colorRgb,
    interpretedType: s.interpretedType,
    contours: images.flatMap((image) => structureSection(s, image.positionMm[2]).map((pointsMm) => ({ pointsMm, image }))),
  }));
  return rtStructDataset({
    patient: DEMO_PATIENT,
    study: STUDY,
    series: { seriesInstanceUid: uidFromSeed(`${PHANTOM_VERSION}/rtstruct-series`), number: 2, description: 'Analytic structures' },
    equipment: EQUIPMENT,
    sopInstanceUid: uidFromSeed(`${PHANTOM_VERSION}/rtstruct`),
    frameOfReferenceUid: FRAME_OF_REFERENCE_UID,
    referencedSeries: { seriesInstanceUid: CT_SERIES_UID, images: images.map(({ sopClassUid, sopInstanceUid }) => ({ sopClassUid, sopInstanceUid })) },
    label: 'DEMO_THORAX',
    dateTime: STUDY.dateTime,
    rois,
  });
}
