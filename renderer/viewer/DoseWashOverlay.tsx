/**
 * The plan's dose as a colour wash over the image, in isodose bands (percent of the prescription, the radiotherapy
 * workspace's levels). Each drawn pixel asks the viewport where it is in the patient (LPS mm) and takes the dose of the
 * nearest dose-grid voxel, so the wash follows any plane, zoom and pan.
 */
import { Enums, getEnabledElement, type Types } from '@cornerstonejs/core';
import { useEffect, useRef } from 'react';
import { worldToVoxel, type Mat3, type Vec3 } from '../../workers/volume/volume';
import { isodoseLevel } from '../radiotherapy/dose-colour-map';
import type { PlanDose } from './use-plan-dose';

/** Canvas pixels per dose lookup: the dose grid (2.5–3 mm) is far coarser than the screen. */
const STRIDE = 3;
const ALPHA = 0.4;

export function DoseWashOverlay({ element, dose }: { element: HTMLDivElement; dose: PlanDose }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const grid = dose.summary.doseGrid;
    const geometry = { spacing: grid.spacingMm as Vec3, origin: grid.originLps as Vec3, direction: grid.direction as Mat3 };
    const [nx, ny, nz] = grid.dims;
    const draw = () => {
      try {
        paint();
      } catch {
        // The viewport has no image or volume yet (MPR still loading): the next render paints.
      }
    };
    const paint = () => {
      const canvas = canvasRef.current;
      const viewport = getEnabledElement(element)?.viewport as Types.IViewport | undefined;
      if (!canvas || !viewport) return;
      const width = element.clientWidth;
      const height = element.clientHeight;
      canvas.width = Math.ceil(width / STRIDE);
      canvas.height = Math.ceil(height / STRIDE);
      const ctx = canvas.getContext('2d');
      if (!ctx) return;
      const image = ctx.createImageData(canvas.width, canvas.height);
      for (let v = 0; v < canvas.height; v++) {
        for (let u = 0; u < canvas.width; u++) {
          const world = viewport.canvasToWorld([u * STRIDE + STRIDE / 2, v * STRIDE + STRIDE / 2]);
          const [fi, fj, fk] = worldToVoxel(geometry, world as Vec3);
          const i = Math.round(fi);
          const j = Math.round(fj);
          const k = Math.round(fk);
          if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) continue;
          const level = isodoseLevel(dose.doseGy[i + nx * (j + ny * k)]!, dose.summary.prescriptionGy);
          if (!level) continue;
          const p = (u + canvas.width * v) * 4;
          image.data.set(level.rgb, p);
          image.data[p + 3] = Math.round(255 * ALPHA);
        }
      }
      ctx.putImageData(image, 0, 0);
    };
    element.addEventListener(Enums.Events.IMAGE_RENDERED, draw);
    draw();
    return () => element.removeEventListener(Enums.Events.IMAGE_RENDERED, draw);
  }, [element, dose]);

  return <canvas ref={canvasRef} className="dose-wash-overlay" data-testid="viewer-dose-wash" aria-hidden />;
}
