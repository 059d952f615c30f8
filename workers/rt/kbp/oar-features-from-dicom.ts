/**
 * The dose-volume predictor's inputs for a patient: the planning target (the named structure grown by the PTV
 * margin, as the plan job grows it) and each OAR rasterised from the RT Structure Set on the CT grid, then the OVH and
 * volumes of each OAR against that target.
 */
import type { JobContext } from '../../process/job-context';
import { loadCtFromPaths } from '../../anatomy/load-ct';
import { dilateMm } from '../../anatomy/morphology/morphology';
import { rasteriseStructure } from '../../anatomy/rtstruct/rasterise-contours';
import { readRtStruct } from '../../anatomy/rtstruct/read-rtstruct';
import { kbpModelInputs, oarGeometryFeatures, type OarGeometryFeatures } from './overlap-volume-histogram';

export interface OarFeatureRequest {
  ctPaths: string[];
  rtstructFile: string;
  target: string;
  ptvMarginMm: number;
  oars: string[];
}

export interface OarFeatures {
  oars: { name: string; features: OarGeometryFeatures; inputs: Record<string, number> }[];
}

export async function oarFeaturesFromDicom(req: OarFeatureRequest, ctx: JobContext): Promise<OarFeatures> {
  const ct = await loadCtFromPaths(req.ctPaths, { ...ctx, progress: (f, m) => ctx.progress(0.5 * f, m) });
  const set = readRtStruct(req.rtstructFile);
  const find = (name: string) => {
    const s = set.structures.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!s) throw new Error(`no structure "${name}" in ${req.rtstructFile} (has ${set.structures.map((x) => x.name).join(', ')})`);
    return s;
  };
  const gtv = rasteriseStructure(find(req.target), ct);
  const target = req.ptvMarginMm > 0 ? dilateMm(gtv, req.ptvMarginMm) : gtv;
  const oars: OarFeatures['oars'] = [];
  for (const [k, name] of req.oars.entries()) {
    ctx.throwIfCancelled();
    ctx.progress(0.5 + (0.5 * k) / req.oars.length, `geometry of ${name}`);
    const features = oarGeometryFeatures(target, rasteriseStructure(find(name), ct));
    oars.push({ name, features, inputs: kbpModelInputs(features) });
  }
  return { oars };
}
