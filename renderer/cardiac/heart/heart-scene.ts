/**
 * The vtk.js scene of the patient-heart view: one surface (the run's heart with a colour per vertex, or before a
 * run the segmentation's myocardium mesh in one colour), sphere markers (pacing site, scar, a highlighted event)
 * and click picking, in DICOM patient coordinates (LPS, mm). Colours are computed outside (color-maps.ts) and
 * drawn as direct RGB scalars, so the movie only rewrites one byte buffer per frame.
 *
 * The orientation cube and the click-versus-drag rule are the same as in renderer/anatomy/anatomy-scene.ts, whose
 * scene keeps them private; they are restated here in a few lines rather than reaching into that class.
 */
import '@kitware/vtk.js/Rendering/Profiles/Geometry';
import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray';
import vtkPolyData from '@kitware/vtk.js/Common/DataModel/PolyData';
import vtkSphereSource from '@kitware/vtk.js/Filters/Sources/SphereSource';
import vtkSTLReader from '@kitware/vtk.js/IO/Geometry/STLReader';
import vtkActor from '@kitware/vtk.js/Rendering/Core/Actor';
import vtkCellPicker from '@kitware/vtk.js/Rendering/Core/CellPicker';
import vtkMapper from '@kitware/vtk.js/Rendering/Core/Mapper';
import { onClick, orientationCube, sizedRenderWindow, viewFromAnterior, type GenericRenderWindow, type OrientationMarker } from '../../shell/vtk-view';

export type Lps = [number, number, number];

/** The myocardium's colour before a run (renderer/anatomy/organ-appearance.ts draws it the same). */
const MYOCARDIUM_RGB: Lps = [170 / 255, 40 / 255, 40 / 255];

export interface MarkerStyle {
  /** RGB 0..1 */
  color: Lps;
  radiusMm: number;
  opacity?: number;
}

export class HeartScene {
  private readonly window: GenericRenderWindow;
  private readonly picker = vtkCellPicker.newInstance();
  private readonly marker: OrientationMarker;
  private readonly stopResizing: () => void;
  private surface: { actor: vtkActor; colors: ReturnType<typeof vtkDataArray.newInstance> | null; polyData: ReturnType<typeof vtkPolyData.newInstance> } | null = null;
  private readonly markers = new Map<string, { actor: vtkActor; source: ReturnType<typeof vtkSphereSource.newInstance> }>();

  constructor(container: HTMLElement, onPick: (pointLps: Lps | null) => void) {
    ({ window: this.window, disconnect: this.stopResizing } = sizedRenderWindow(container));
    this.marker = orientationCube(this.window, 120);
    this.picker.setTolerance(0);
    this.listenForClicks(onPick);
  }

  /** The run's heart surface (flat LPS vertex coordinates, flat triangle indices), coloured later by `setColors`. */
  setMesh(verticesLps: readonly number[], triangles: readonly number[]): void {
    const polyData = vtkPolyData.newInstance();
    polyData.getPoints().setData(Float32Array.from(verticesLps), 3);
    const cells = new Uint32Array((triangles.length / 3) * 4);
    for (let t = 0; t < triangles.length / 3; t++) {
      cells[4 * t] = 3;
      cells[4 * t + 1] = triangles[3 * t]!;
      cells[4 * t + 2] = triangles[3 * t + 1]!;
      cells[4 * t + 3] = triangles[3 * t + 2]!;
    }
    polyData.getPolys().setData(cells);
    const colors = vtkDataArray.newInstance({ name: 'rgb', numberOfComponents: 3, values: new Uint8Array(verticesLps.length) });
    polyData.getPointData().setScalars(colors);
    const mapper = vtkMapper.newInstance();
    mapper.setInputData(polyData);
    mapper.setColorModeToDirectScalars();
    mapper.setScalarModeToUsePointData();
    this.replaceSurface(mapper, { colors, polyData });
  }

  /** Before a run: the segmentation's myocardium from its binary STL (LPS mm), in the anatomy workspace's colour. */
  setStlSurface(stl: ArrayBuffer): void {
    const reader = vtkSTLReader.newInstance();
    reader.parseAsArrayBuffer(stl);
    const mapper = vtkMapper.newInstance();
    const polyData = reader.getOutputData();
    mapper.setInputData(polyData);
    mapper.setScalarVisibility(false); // STL's per-facet attribute words are not colours
    this.replaceSurface(mapper, { colors: null, polyData });
    this.surface!.actor.getProperty().setColor(...MYOCARDIUM_RGB);
  }

  clearSurface(): void {
    if (this.surface) this.window.getRenderer().removeActor(this.surface.actor);
    this.surface = null;
  }

  /** RGB bytes per vertex (3 per vertex) for the mesh given to `setMesh`; the buffer is copied into the scene's. */
  setColors(rgb: Uint8Array): void {
    const colors = this.surface?.colors;
    if (!colors) return;
    (colors.getData() as Uint8Array).set(rgb);
    colors.modified();
    this.surface!.polyData.modified();
  }

  /** Places (or moves) a named sphere marker at an LPS point; null removes it. Markers are never picked. */
  setMarker(name: string, pointLps: Lps | null, style: MarkerStyle): void {
    const existing = this.markers.get(name);
    if (!pointLps) {
      if (existing) this.window.getRenderer().removeActor(existing.actor);
      this.markers.delete(name);
      return;
    }
    if (existing) {
      existing.source.setCenter(...pointLps);
      existing.source.setRadius(style.radiusMm);
      existing.actor.getProperty().setColor(...style.color);
      existing.actor.getProperty().setOpacity(style.opacity ?? 1);
      return;
    }
    const source = vtkSphereSource.newInstance({ center: pointLps, radius: style.radiusMm, thetaResolution: 20, phiResolution: 20 });
    const mapper = vtkMapper.newInstance();
    mapper.setInputConnection(source.getOutputPort());
    const actor = vtkActor.newInstance();
    actor.setMapper(mapper);
    actor.getProperty().setColor(...style.color);
    actor.getProperty().setOpacity(style.opacity ?? 1);
    actor.setPickable(false);
    this.window.getRenderer().addActor(actor);
    this.markers.set(name, { actor, source });
  }

  /** Anterior view, head up (as renderer/anatomy/anatomy-scene.ts), fitted to the surface. */
  resetCamera(): void {
    viewFromAnterior(this.window, this.surface?.actor.getBounds());
    this.render();
  }

  render(): void {
    this.window.getRenderWindow().render();
  }

  dispose(): void {
    this.stopResizing();
    this.marker.setEnabled(false);
    this.marker.delete();
    this.window.delete();
  }

  private replaceSurface(mapper: vtkMapper, parts: { colors: ReturnType<typeof vtkDataArray.newInstance> | null; polyData: ReturnType<typeof vtkPolyData.newInstance> }): void {
    this.clearSurface();
    const actor = vtkActor.newInstance();
    actor.setMapper(mapper);
    actor.getProperty().setAmbient(0.25);
    actor.getProperty().setDiffuse(0.75);
    this.window.getRenderer().addActor(actor);
    this.surface = { actor, ...parts };
  }

  private listenForClicks(onPick: (pointLps: Lps | null) => void): void {
    onClick(this.window, (x, y) => {
      this.picker.pick([x, y, 0], this.window.getRenderer());
      const point = this.picker.getActors().length > 0 ? this.picker.getPickedPositions()[0] : undefined;
      onPick(point ? [point[0]!, point[1]!, point[2]!] : null);
    });
  }
}
