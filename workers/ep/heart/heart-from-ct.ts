/**
 * From a CT to what the heart run needs: the heart preset's LV myocardium and blood pool (workers/anatomy), made
 * into the LV model, and ECG electrodes on the body surface.
 */
import { segmentPresets } from '../../anatomy/segment/presets';
import type { JobContext } from '../../process/job-context';
import type { Volume } from '../../volume/volume';
import { buildLvModel, type LvModel, type ScarSphere } from './lv-model';
import { placeElectrodes, type Electrode } from './torso-leads';

export interface HeartFromCt {
  lv: LvModel;
  electrodes: Electrode[];
}

export function heartFromCt(ct: Volume, options: { gridMm?: number; scar?: ScarSphere }, ctx: JobContext): HeartFromCt {
  const [body, heart] = segmentPresets(ct, ['body', 'heart'], ctx);
  const structure = (name: string) => [...body!.structures, ...heart!.structures].find((s) => s.name === name)!.mask;
  const lv = buildLvModel({
    myocardium: structure('myocardium'),
    bloodPool: structure('lv_blood_pool'),
    ...(options.gridMm !== undefined ? { gridMm: options.gridMm } : {}),
    ...(options.scar ? { scar: options.scar } : {}),
  });
  // The wall's z extent, for the limb electrodes above and below the heart.
  const [nx, ny, nz] = lv.mask.dims;
  let zMin = Infinity;
  let zMax = -Infinity;
  for (let k = 0; k < nz; k++)
    for (let idx = k * nx * ny; idx < (k + 1) * nx * ny; idx++)
      if (lv.mask.data[idx]) {
        const z = lv.mask.origin[2] + k * lv.mask.spacing[2];
        zMin = Math.min(zMin, z);
        zMax = Math.max(zMax, z);
        break;
      }
  return { lv, electrodes: placeElectrodes(structure('body'), lv.axis.centreLps, zMin, zMax) };
}
