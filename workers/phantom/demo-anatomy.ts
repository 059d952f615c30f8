/**
 * The demo thorax: every shape, tissue and structure, in LPS millimetres (x → patient left, y → posterior,
 * z → head), head first supine. Everything is analytic, so the ground truth is exact formulas (demo-truth.ts).
 *
 * Nesting (what contains what; truth.json says the same in each structure's `contains`):
 *   - body contains every other structure;
 *   - lung_right contains tumour: the lung's truth is its whole ellipsoid, tumour included;
 *   - heart contains myocardium and lv_blood_pool: heart = whole heart ellipsoid; myocardium = LV ellipsoid minus
 *     the blood pool, so myocardium and lv_blood_pool are disjoint and together make the LV;
 *   - every other pair is disjoint, a few millimetres apart (the tests check it), so that each structure is
 *     bordered only by tissue of a clearly different density (the heart by pericardial fat, the cord by epidural
 *     fat) and a threshold at the midpoint between the two recovers its volume.
 * The couch lies below the body across an air gap and is not a structure: segmentation must learn to drop it.
 *
 * Densities are typical clinical CT numbers (HU): aerated lung −850, fat −90…−100, muscle and blood 40,
 * contrast-filled left ventricle 350 with enhanced myocardium 100 (arterial-phase cardiac CT), vertebral and rib
 * bone 700 (a mix of cortical and cancellous bone); cf. the tissue tables of Schneider, Bortfeld & Schlegel,
 * Phys Med Biol 45:459 (2000).
 */
import type { Vec3 } from '../volume/volume';
import { ArcTube, Box, Ellipsoid, EllipticCylinder, type Solid } from './shapes';

/** The scanned slab: 120 slices of 2.5 mm, centred on z = 0 (so the body's truth length is 300 mm). */
export const DEMO_GRID = {
  dims: [512, 512, 120] as Vec3,
  spacing: [0.9, 0.9, 2.5] as Vec3,
  /** Centre of the first voxel: the 460.8 mm field of view and the slab are centred on the origin. */
  origin: [-229.95, -229.95, -148.75] as Vec3,
};
export const SLAB_Z_MM: [number, number] = [-150, 150];

export const HU = {
  air: -1000,
  couchShell: 300,
  couchFoam: -700,
  subcutaneousFat: -100,
  fat: -90,
  muscle: 40,
  lung: -850,
  tumour: 30,
  heart: 40,
  myocardium: 100,
  bloodPoolContrast: 350,
  bone: 700,
  disc: 80,
  cord: 35,
} as const;

// ---- shapes ----------------------------------------------------------------------------------------------------
const body = new EllipticCylinder([0, 0], [185, 125], SLAB_Z_MM);
/** Muscle inside a 10 mm subcutaneous fat layer. */
const muscle = body.grown(-10);

const lungRight = new Ellipsoid([-88, 5, 5], [55, 70, 125]);
const lungLeft = new Ellipsoid([88, 5, 0], [52, 68, 120]);
/** The GTV: a 17 mm sphere in the right upper lobe, 3 cm from the lung's edge. */
const tumour = new Ellipsoid([-96, -8, 55], [17, 17, 17]);

const heart = new Ellipsoid([8, -45, -35], [32, 34, 50]);
/** Fat around the heart, 6 mm, so the heart is bordered by fat (not by muscle of the same density). */
const pericardialFat = heart.grown(6);
/** Left ventricle: outer (epicardial) surface and blood pool share a centre; the wall is 10 mm on every axis. */
const lvCentre: Vec3 = [16, -41, -40];
const lvOuter = new Ellipsoid(lvCentre, [20, 20, 32]);
const lvBloodPool = new Ellipsoid(lvCentre, [10, 10, 22]);

/**
 * Ten vertebral bodies, 22.5 mm high with 5 mm discs between them. Their end plates lie on slice boundaries
 * (multiples of 2.5 mm from the slab's edge), so no voxel straddles an end plate.
 */
const VERTEBRA_HEIGHT_MM = 22.5;
const DISC_MM = 5;
const VERTEBRA_COUNT = 10;
const spineCentre: [number, number] = [0, 60];
const spineSemiAxes: [number, number] = [17, 15];
const spineTopMm = (VERTEBRA_COUNT * VERTEBRA_HEIGHT_MM + (VERTEBRA_COUNT - 1) * DISC_MM) / 2;
const vertebrae = Array.from({ length: VERTEBRA_COUNT }, (_, n) => {
  const z0 = -spineTopMm + n * (VERTEBRA_HEIGHT_MM + DISC_MM);
  return new EllipticCylinder(spineCentre, spineSemiAxes, [z0, z0 + VERTEBRA_HEIGHT_MM]);
});
const discColumn = new EllipticCylinder(spineCentre, spineSemiAxes, [-spineTopMm, spineTopMm]);
/** The spinal canal (epidural fat) behind the vertebral bodies, with the cord in it; cord ends on slice boundaries. */
const canal = new EllipticCylinder([0, 88], [10, 10], SLAB_Z_MM);
const cord = new EllipticCylinder([0, 88], [5, 5], [-145, 145]);

/**
 * Eleven pairs of ribs, 25 mm apart, each a tube of 9 mm × 15 mm elliptic section (thickness × height) on a
 * 78 mm-radius arc around its lung's axis, from 110° anterior to 120° posterior of the lateral direction: 3.5 mm
 * clear of the widest lung section.
 * The levels sit a quarter slice off the slice grid (z ≡ 0.625 mm modulo 2.5 from a slice centre): for a section
 * only six slices tall, that phase makes both the stacked contours and the thresholded voxels agree with the exact
 * volume to < 1 % (on a slice centre or boundary they would be off by −7 % and +2 %).
 */
const RIB_LEVELS_MM = Array.from({ length: 11 }, (_, m) => -125.625 + 25 * m);
const RIB_SECTION_MM: [number, number] = [4.5, 7.5];
const deg = Math.PI / 180;
const ribs = RIB_LEVELS_MM.flatMap((z) => [
  // Patient left (+x): lateral is φ = 0, anterior −90°, posterior +90°.
  new ArcTube({ x: lungLeft.centre[0], y: 5, z }, 78, RIB_SECTION_MM, -110 * deg, 120 * deg),
  // Patient right (−x): the mirror image, lateral at φ = 180°.
  new ArcTube({ x: lungRight.centre[0], y: 5, z }, 78, RIB_SECTION_MM, 60 * deg, 290 * deg),
]);

/** A carbon-fibre couch top with a foam core, 15 mm below the body: 440 mm wide, 20 mm thick, whole slab long. */
const couchTopMm = 125 + 15;
const couchShell = new Box({ min: [-220, couchTopMm, SLAB_Z_MM[0] - 10], max: [220, couchTopMm + 20, SLAB_Z_MM[1] + 10] });
const couchFoam = new Box({ min: [-218, couchTopMm + 2, SLAB_Z_MM[0] - 10], max: [218, couchTopMm + 18, SLAB_Z_MM[1] + 10] });

// ---- tissues, painted in this order (a later tissue replaces an earlier one where both contain a point) ---------
export interface Tissue {
  name: string;
  hu: number;
  solid: Solid;
}

const tissue = (name: string, hu: number, solids: Solid[]): Tissue[] => solids.map((solid) => ({ name, hu, solid }));

export const DEMO_TISSUES: Tissue[] = [
  ...tissue('couch shell', HU.couchShell, [couchShell]),
  ...tissue('couch foam', HU.couchFoam, [couchFoam]),
  ...tissue('subcutaneous fat', HU.subcutaneousFat, [body]),
  ...tissue('muscle', HU.muscle, [muscle]),
  ...tissue('epidural fat', HU.fat, [canal]),
  ...tissue('pericardial fat', HU.fat, [pericardialFat]),
  ...tissue('lung', HU.lung, [lungRight, lungLeft]),
  ...tissue('tumour', HU.tumour, [tumour]),
  ...tissue('heart', HU.heart, [heart]),
  ...tissue('myocardium', HU.myocardium, [lvOuter]),
  ...tissue('blood pool', HU.bloodPoolContrast, [lvBloodPool]),
  ...tissue('disc', HU.disc, [discColumn]),
  ...tissue('vertebral body', HU.bone, vertebrae),
  ...tissue('cord', HU.cord, [cord]),
  ...tissue('rib', HU.bone, ribs),
];

// ---- structures -------------------------------------------------------------------------------------------------
export type RoleHint = 'external' | 'organ' | 'target';

export interface DemoStructure {
  name: string;
  colorRgb: [number, number, number];
  roleHint: RoleHint;
  interpretedType: 'EXTERNAL' | 'ORGAN' | 'GTV';
  /** Disjoint solids whose union is the structure… */
  parts: Solid[];
  /** …minus these, each inside one part (the myocardium's blood pool). */
  holes: Solid[];
  /** Names of the structures that lie inside this one (nesting, see the header). */
  contains: string[];
}

export const DEMO_STRUCTURES: DemoStructure[] = [
  {
    name: 'body', colorRgb: [177, 122, 101], roleHint: 'external', interpretedType: 'EXTERNAL', parts: [body], holes: [],
    contains: ['lung_left', 'lung_right', 'heart', 'myocardium', 'lv_blood_pool', 'spine', 'spinal_cord', 'ribs', 'tumour'],
  },
  { name: 'lung_left', colorRgb: [100, 170, 230], roleHint: 'organ', interpretedType: 'ORGAN', parts: [lungLeft], holes: [], contains: [] },
  { name: 'lung_right', colorRgb: [60, 130, 210], roleHint: 'organ', interpretedType: 'ORGAN', parts: [lungRight], holes: [], contains: ['tumour'] },
  { name: 'heart', colorRgb: [200, 60, 60], roleHint: 'organ', interpretedType: 'ORGAN', parts: [heart], holes: [], contains: ['myocardium', 'lv_blood_pool'] },
  { name: 'myocardium', colorRgb: [230, 120, 50], roleHint: 'organ', interpretedType: 'ORGAN', parts: [lvOuter], holes: [lvBloodPool], contains: [] },
  { name: 'lv_blood_pool', colorRgb: [250, 40, 40], roleHint: 'organ', interpretedType: 'ORGAN', parts: [lvBloodPool], holes: [], contains: [] },
  { name: 'spine', colorRgb: [230, 220, 170], roleHint: 'organ', interpretedType: 'ORGAN', parts: vertebrae, holes: [], contains: [] },
  { name: 'spinal_cord', colorRgb: [250, 230, 0], roleHint: 'organ', interpretedType: 'ORGAN', parts: [cord], holes: [], contains: [] },
  { name: 'ribs', colorRgb: [240, 240, 220], roleHint: 'organ', interpretedType: 'ORGAN', parts: ribs, holes: [], contains: [] },
  { name: 'tumour', colorRgb: [255, 0, 255], roleHint: 'target', interpretedType: 'GTV', parts: [tumour], holes: [], contains: [] },
];

/** The shapes by name, for checks that need to look at one region of the image (tests, benches). */
export const DEMO_SHAPES = { body, muscle, lungLeft, lungRight, tumour, heart, pericardialFat, lvOuter, lvBloodPool, vertebrae, discColumn, canal, cord, ribs, couchShell };
