/** Structures as an RT Structure Set holds them: planar closed contours in LPS mm, grouped by ROI. */
import type { Vec3 } from '../../volume/volume';

export interface PlanarContour {
  /** x, y, z triples (LPS mm), the polygon closed implicitly (last point joins the first). */
  pointsMm: Float64Array;
}

export interface RtStructure {
  roiNumber: number;
  name: string;
  /** ROI Display Color, 0–255, when present. */
  colourRgb?: Vec3;
  contours: PlanarContour[];
}

export interface RtStructureSet {
  frameOfReferenceUid?: string;
  structures: RtStructure[];
}
