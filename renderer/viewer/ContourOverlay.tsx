/**
 * RT structure contours over the image: each closed planar contour that lies in the shown plane (within half a slice)
 * is projected with the viewport's own world→canvas transform, so it follows scroll, zoom and pan.
 */
import { Enums, getEnabledElement, type Types } from '@cornerstonejs/core';
import { useEffect, useState } from 'react';
import type { ContourSet } from './use-structure-contours';

interface Drawn {
  key: string;
  colour: string;
  points: string;
}

function inPlane(points: number[], focal: Types.Point3, normal: Types.Point3, toleranceMm: number): boolean {
  // Every third point is enough to reject a contour of another plane.
  for (let p = 0; p < points.length; p += 9) {
    const d = (points[p]! - focal[0]) * normal[0] + (points[p + 1]! - focal[1]) * normal[1] + (points[p + 2]! - focal[2]) * normal[2];
    if (Math.abs(d) > toleranceMm) return false;
  }
  return true;
}

export function ContourOverlay({ element, set, sliceSpacingMm }: { element: HTMLDivElement; set: ContourSet; sliceSpacingMm: number }) {
  const [drawn, setDrawn] = useState<Drawn[]>([]);
  const [size, setSize] = useState<[number, number]>([0, 0]);

  useEffect(() => {
    const update = () => {
      try {
        project();
      } catch {
        // The viewport has no image or volume yet (MPR still loading): the next render draws.
      }
    };
    const project = () => {
      const viewport = getEnabledElement(element)?.viewport as Types.IViewport | undefined;
      if (!viewport) return;
      const { focalPoint, viewPlaneNormal } = viewport.getCamera();
      if (!focalPoint || !viewPlaneNormal) return;
      const tolerance = Math.max(0.25, sliceSpacingMm / 2);
      const next: Drawn[] = [];
      set.structures.forEach((s, si) => {
        const [r, g, b] = s.colourRgb ?? [255, 255, 0];
        s.contours.forEach((c, ci) => {
          if (!inPlane(c, focalPoint, viewPlaneNormal, tolerance)) return;
          const pts: string[] = [];
          for (let p = 0; p < c.length; p += 3) {
            const [x, y] = viewport.worldToCanvas([c[p]!, c[p + 1]!, c[p + 2]!]);
            pts.push(`${x.toFixed(1)},${y.toFixed(1)}`);
          }
          next.push({ key: `${si}-${ci}`, colour: `rgb(${r},${g},${b})`, points: pts.join(' ') });
        });
      });
      setSize([element.clientWidth, element.clientHeight]);
      setDrawn(next);
    };
    element.addEventListener(Enums.Events.IMAGE_RENDERED, update);
    update();
    return () => element.removeEventListener(Enums.Events.IMAGE_RENDERED, update);
  }, [element, set, sliceSpacingMm]);

  return (
    <svg className="contour-overlay" width={size[0]} height={size[1]} data-testid="viewer-contours" data-count={drawn.length} aria-hidden>
      {drawn.map((d) => (
        <polygon key={d.key} points={d.points} fill="none" stroke={d.colour} strokeWidth={1.5} />
      ))}
    </svg>
  );
}
