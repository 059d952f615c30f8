/**
 * What the overlay of one viewport says, read from cornerstone after each render: slice n/N, location, window
 * and the orientation labels of the current camera.
 */
import type { StackViewport, Types } from '@cornerstonejs/core';
import { edgeLabels, type EdgeLabels, type Vec3 } from './orientation-labels';
import { widthLevelOf } from './window-presets';

export interface ViewportInfo {
  /** 1-based */
  sliceNumber: number;
  sliceCount: number;
  /** Position of the slice along the patient axis closest to the view direction (like SliceLocation), mm. */
  locationMm: number | null;
  window: { width: number; level: number } | null;
  invert: boolean;
  labels: EdgeLabels;
}

export function readViewportInfo(viewport: Types.IViewport): ViewportInfo {
  const camera = viewport.getCamera();
  const normal = (camera.viewPlaneNormal ?? [0, 0, 1]) as Vec3;
  const focal = camera.focalPoint as Vec3 | undefined;
  const axis = [0, 1, 2].reduce((best, i) => (Math.abs(normal[i]!) > Math.abs(normal[best]!) ? i : best), 0);
  const properties = (viewport as StackViewport).getProperties();
  return {
    sliceNumber: viewport.getSliceIndex() + 1,
    sliceCount: viewport.getNumberOfSlices(),
    locationMm: focal ? focal[axis]! : null,
    window: properties.voiRange ? widthLevelOf(properties.voiRange) : null,
    invert: !!properties.invert,
    labels: edgeLabels((camera.viewUp ?? [0, -1, 0]) as Vec3, normal),
  };
}

/** A key to skip React updates when a render changed nothing the overlay shows (W/L drags render 60 times a second). */
export function infoKey(info: ViewportInfo): string {
  return JSON.stringify([
    info.sliceNumber,
    info.sliceCount,
    info.locationMm?.toFixed(1),
    info.window && [Math.round(info.window.width), Math.round(info.window.level)],
    info.invert,
    info.labels,
  ]);
}
