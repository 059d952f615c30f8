/**
 * The one point a clinician is looking at, shared by the 2D viewer and the 3D anatomy view: a pick in 3D moves the
 * MPR crosshair there, a click or crosshair move in 2D moves the 3D marker. A plain subscribe/set store at module
 * level, not React state, so the point survives switching workspaces (only one is mounted at a time) and engines
 * outside React (cornerstone's event handlers, the vtk.js scene) can read and write it.
 *
 * Keyed by series: both workspaces show one series' volume, and the anatomy workspace knows the series but not its
 * frame of reference. Points are DICOM patient coordinates (LPS, mm).
 */
import { useEffect, useState } from 'react';

export type Vec3 = [number, number, number];

export interface LinkedPoint {
  pointLps: Vec3;
  /** The structure the point lies in, as people read it ('Lung left'), when the setter knows it (a 3D pick names the organ it hit). */
  structure: string | null;
  /** Who set it, so a view ignores the echo of its own change (a dragged crosshair must not be moved back). */
  source: string;
}

type Listener = (point: LinkedPoint | null) => void;

/** Closer than this (mm) counts as the same point: echoes of a change through another view stop here. */
const SAME_POINT_MM = 1e-3;

export class LinkedPointStore {
  private readonly points = new Map<string, LinkedPoint>();
  private readonly listeners = new Map<string, Set<Listener>>();

  get(seriesKey: string): LinkedPoint | null {
    return this.points.get(seriesKey) ?? null;
  }

  /**
   * Sets the series' point and tells its listeners, unless nothing new is said: the same point again, with the same
   * structure or none (a view that echoes a point back does not know the organ, and must not forget it).
   */
  set(seriesKey: string, point: LinkedPoint): void {
    const current = this.points.get(seriesKey);
    if (current && samePoint(current.pointLps, point.pointLps) && (point.structure === null || point.structure === current.structure)) return;
    this.points.set(seriesKey, point);
    this.listeners.get(seriesKey)?.forEach((listener) => listener(point));
  }

  clear(seriesKey: string): void {
    if (!this.points.delete(seriesKey)) return;
    this.listeners.get(seriesKey)?.forEach((listener) => listener(null));
  }

  /** Calls `listener` on each change of the series' point; returns the unsubscribe. */
  subscribe(seriesKey: string, listener: Listener): () => void {
    let set = this.listeners.get(seriesKey);
    if (!set) this.listeners.set(seriesKey, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }
}

export function samePoint(a: Vec3, b: Vec3): boolean {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) < SAME_POINT_MM;
}

/** The page's one store: every view of a series links through it. */
export const linkedPoints = new LinkedPointStore();

/** The series' linked point as React state. */
export function useLinkedPoint(seriesKey: string): LinkedPoint | null {
  const [point, setPoint] = useState(() => linkedPoints.get(seriesKey));
  useEffect(() => {
    setPoint(linkedPoints.get(seriesKey));
    return linkedPoints.subscribe(seriesKey, setPoint);
  }, [seriesKey]);
  return point;
}

/** "(x, y, z)" with one decimal, as the views label a point in LPS mm. */
export function formatLps(point: Vec3): string {
  return `(${point.map((c) => c.toFixed(1)).join(', ')})`;
}
