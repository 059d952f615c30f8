/**
 * The vtk.js scene of the 3D anatomy workspace: organ surfaces (one actor per structure) in DICOM patient
 * coordinates (LPS, mm), the CT volume-rendered through an editable transfer function, an axial clipping plane,
 * picking, the linked point's marker, and an orientation cube. Only parsing happens here;
 * the meshes were computed by the segmentation job's worker process.
 */
import '@kitware/vtk.js/Rendering/Profiles/Geometry';
import '@kitware/vtk.js/Rendering/Profiles/Volume';
import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray';
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import vtkPiecewiseFunction from '@kitware/vtk.js/Common/DataModel/PiecewiseFunction';
import vtkPlane from '@kitware/vtk.js/Common/DataModel/Plane';
import vtkCursor3D from '@kitware/vtk.js/Filters/Sources/Cursor3D';
import vtkSphereSource from '@kitware/vtk.js/Filters/Sources/SphereSource';
import vtkSTLReader from '@kitware/vtk.js/IO/Geometry/STLReader';
import type vtkAbstractMapper from '@kitware/vtk.js/Rendering/Core/AbstractMapper';
import vtkActor from '@kitware/vtk.js/Rendering/Core/Actor';
import vtkCellPicker from '@kitware/vtk.js/Rendering/Core/CellPicker';
import vtkColorTransferFunction from '@kitware/vtk.js/Rendering/Core/ColorTransferFunction';
import vtkMapper from '@kitware/vtk.js/Rendering/Core/Mapper';
import vtkVolume from '@kitware/vtk.js/Rendering/Core/Volume';
import vtkVolumeMapper from '@kitware/vtk.js/Rendering/Core/VolumeMapper';
import { onClick, orientationCube, sizedRenderWindow, viewFromAnterior, type GenericRenderWindow, type OrientationMarker } from '../shell/vtk-view';
import type { CtVoxels } from './load-ct-volume';
import type { OrganAppearance } from './organ-appearance';
import type { Vec3 } from '../shell/linked-point';
import type { TransferTables } from './volume-presets';

export interface PickResult {
  name: string;
  pointLps: [number, number, number];
}

/** Surfaces fainter than this are not picked: a click through the see-through skin should find the organ inside. */
const MIN_PICK_OPACITY = 0.3;
/** The linked point's marker: a ball and three axis lines, long enough to stick out of the organ it lies in. */
const MARKER_RADIUS_MM = 3;
const MARKER_HALF_LENGTH_MM = 30;
const MARKER_COLOR: [number, number, number] = [1, 0.9, 0.1];

type Bounds = [number, number, number, number, number, number];

export class AnatomyScene {
  private readonly window: GenericRenderWindow;
  private readonly actors = new Map<string, vtkActor>();
  private readonly clipPlane = vtkPlane.newInstance({ normal: [0, 0, -1], origin: [0, 0, 0] });
  private clipping = false;
  private readonly picker = vtkCellPicker.newInstance();
  private readonly marker: OrientationMarker;
  private readonly stopResizing: () => void;
  private volume: { voxels: CtVoxels; actor: vtkVolume } | null = null;
  private readonly colors = vtkColorTransferFunction.newInstance();
  private readonly opacities = vtkPiecewiseFunction.newInstance();
  private readonly markerBall = vtkSphereSource.newInstance({ radius: MARKER_RADIUS_MM, thetaResolution: 16, phiResolution: 16 });
  private readonly markerCross = vtkCursor3D.newInstance();
  private readonly markerActors = this.linkedPointMarker();
  private renderQueued = false;
  private disposed = false;

  constructor(container: HTMLElement, onPick: (pick: PickResult | null) => void) {
    ({ window: this.window, disconnect: this.stopResizing } = sizedRenderWindow(container));
    this.marker = orientationCube(this.window);
    this.picker.setTolerance(0);
    onClick(this.window, (x, y) => onPick(this.pick(x, y)));
    this.markerActors.forEach((actor) => this.window.getRenderer().addActor(actor));
  }

  /** Adds (or replaces) a structure's surface from the bytes of a binary STL in LPS mm. */
  addSurface(name: string, stl: ArrayBuffer, appearance: OrganAppearance): void {
    this.removeSurface(name);
    const reader = vtkSTLReader.newInstance();
    reader.parseAsArrayBuffer(stl);
    const mapper = vtkMapper.newInstance();
    mapper.setInputData(reader.getOutputData());
    // The reader keeps STL's per-facet attribute words as cell scalars; colour by the organ instead.
    mapper.setScalarVisibility(false);
    if (this.clipping) mapper.addClippingPlane(this.clipPlane);
    const actor = vtkActor.newInstance();
    actor.setMapper(mapper);
    this.actors.set(name, actor);
    this.setAppearance(name, appearance);
    this.window.getRenderer().addActor(actor);
  }

  removeSurface(name: string): void {
    const actor = this.actors.get(name);
    if (!actor) return;
    this.window.getRenderer().removeActor(actor);
    this.actors.delete(name);
  }

  clear(): void {
    [...this.actors.keys()].forEach((name) => this.removeSurface(name));
  }

  setAppearance(name: string, { color, opacity }: OrganAppearance): void {
    const actor = this.actors.get(name);
    if (!actor) return;
    actor.getProperty().setColor(...color);
    actor.getProperty().setOpacity(opacity);
    actor.setPickable(opacity >= MIN_PICK_OPACITY);
  }

  setVisible(name: string, visible: boolean): void {
    this.actors.get(name)?.setVisibility(visible);
  }

  /**
   * Shows the CT volume-rendered through the transfer function (replacing the previous one), or hides it (null).
   * The voxel array is wrapped, not copied; a new transfer function for the same voxels only rewrites the curves.
   */
  setVolume(voxels: CtVoxels | null, tables: TransferTables | null): void {
    const renderer = this.window.getRenderer();
    if (!voxels || !tables) {
      if (this.volume) renderer.removeVolume(this.volume.actor);
      this.volume = null;
      return;
    }
    if (this.volume?.voxels !== voxels) {
      if (this.volume) renderer.removeVolume(this.volume.actor);
      const image = vtkImageData.newInstance();
      image.setDimensions(...voxels.dims);
      image.setSpacing(voxels.spacingMm);
      image.setOrigin(voxels.originLps);
      image.setDirection(Float32Array.from(voxels.direction));
      image.getPointData().setScalars(vtkDataArray.newInstance({ name: 'HU', numberOfComponents: 1, values: voxels.scalars as Int16Array }));
      const mapper = vtkVolumeMapper.newInstance();
      mapper.setInputData(image);
      // Half the finest voxel edge: finer gains little, coarser shows slice banding.
      mapper.setSampleDistance(Math.min(...voxels.spacingMm) / 2);
      if (this.clipping) mapper.addClippingPlane(this.clipPlane);
      const actor = vtkVolume.newInstance();
      actor.setMapper(mapper);
      actor.setPickable(false); // picking names organ surfaces
      const property = actor.getProperty();
      property.setRGBTransferFunction(0, this.colors);
      property.setScalarOpacity(0, this.opacities);
      property.setInterpolationTypeToLinear();
      property.setShade(true);
      property.setAmbient(0.2);
      property.setDiffuse(0.7);
      property.setSpecular(0.3);
      renderer.addVolume(actor);
      this.volume = { voxels, actor };
    }
    this.colors.removeAllPoints();
    tables.colors.forEach(([value, r, g, b]) => this.colors.addRGBPoint(value, r, g, b));
    this.opacities.removeAllPoints();
    tables.opacities.forEach(([value, opacity]) => this.opacities.addPoint(value, opacity));
  }

  hasVolume(): boolean {
    return this.volume !== null;
  }

  /** Shows the linked point's marker at a point (LPS mm), or hides it (null). */
  setLinkedPoint(point: Vec3 | null): void {
    this.markerActors.forEach((actor) => actor.setVisibility(point !== null));
    if (!point) return;
    this.markerBall.setCenter(point);
    const h = MARKER_HALF_LENGTH_MM;
    this.markerCross.setModelBounds([point[0] - h, point[0] + h, point[1] - h, point[1] + h, point[2] - h, point[2] + h]);
    this.markerCross.setFocalPoint(point);
  }

  /**
   * Renders on the next animation frame, once however often it is asked before then: a dragged transfer-function
   * point changes the curves on every pointer move, faster than a volume renders on a software GPU.
   */
  renderSoon(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      if (!this.disposed) this.render();
    });
  }

  /** Union of all surfaces' bounds [xmin, xmax, ymin, ymax, zmin, zmax] in mm, or null when empty. */
  bounds(): Bounds | null {
    if (this.actors.size === 0) return null;
    return [...this.actors.values()].reduce<Bounds>(
      (b, actor) => {
        const a = actor.getBounds();
        return [Math.min(b[0], a[0]), Math.max(b[1], a[1]), Math.min(b[2], a[2]), Math.max(b[3], a[3]), Math.min(b[4], a[4]), Math.max(b[5], a[5])];
      },
      [Infinity, -Infinity, Infinity, -Infinity, Infinity, -Infinity],
    );
  }

  /**
   * An axial clipping plane at z = `zMm` (LPS, superior positive) that keeps what lies inferior to it, so the
   * view looks into the cut organs from above when the camera is tilted; null removes it.
   */
  setAxialClip(zMm: number | null): void {
    const wanted = zMm !== null;
    if (wanted) this.clipPlane.setOrigin(0, 0, zMm);
    if (wanted !== this.clipping) {
      this.clipping = wanted;
      const mappers: vtkAbstractMapper[] = [...this.actors.values()].map((actor) => actor.getMapper()!);
      if (this.volume) mappers.push(this.volume.actor.getMapper()!);
      mappers.forEach((mapper) => {
        if (wanted) mapper.addClippingPlane(this.clipPlane);
        else mapper.removeAllClippingPlanes();
      });
    }
  }

  /** Anterior view, head up (the patient's right on the screen's left, as radiologists read a coronal image). */
  resetCamera(): void {
    viewFromAnterior(this.window, this.bounds());
    this.render();
  }

  render(): void {
    this.window.getRenderWindow().render();
  }

  dispose(): void {
    this.disposed = true;
    this.stopResizing();
    this.marker.setEnabled(false);
    this.marker.delete();
    this.clear();
    this.setVolume(null, null);
    this.window.delete();
  }

  /** The linked point's marker, hidden until there is a point: a ball and a 3D cursor (three axis lines). */
  private linkedPointMarker(): vtkActor[] {
    this.markerCross.setAll(false);
    this.markerCross.setAxes(true);
    return [this.markerBall, this.markerCross].map((source) => {
      const mapper = vtkMapper.newInstance();
      mapper.setInputConnection(source.getOutputPort());
      const actor = vtkActor.newInstance();
      actor.setMapper(mapper);
      actor.getProperty().setColor(...MARKER_COLOR);
      actor.getProperty().setLineWidth(2);
      actor.setPickable(false);
      actor.setVisibility(false);
      return actor;
    });
  }

  /** The nearest surface under a display point (vtk display coordinates: device pixels, origin bottom-left). */
  private pick(x: number, y: number): PickResult | null {
    this.picker.pick([x, y, 0], this.window.getRenderer());
    const actor = this.picker.getActors()[0];
    const point = this.picker.getPickedPositions()[0];
    if (!actor || !point) return null;
    const name = [...this.actors.entries()].find(([, a]) => a === actor)?.[0];
    return name ? { name, pointLps: [point[0]!, point[1]!, point[2]!] } : null;
  }
}
