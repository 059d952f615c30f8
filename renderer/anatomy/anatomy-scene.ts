/**
 * The vtk.js scene of the 3D anatomy workspace: organ surfaces (one actor per structure) in DICOM patient
 * coordinates (LPS, mm), an axial clipping plane, picking, and an orientation cube. Only parsing happens here;
 * the meshes were computed by the segmentation job's worker process.
 */
import '@kitware/vtk.js/Rendering/Profiles/Geometry';
import '@kitware/vtk.js/Rendering/Profiles/Volume';
import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray';
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import vtkPiecewiseFunction from '@kitware/vtk.js/Common/DataModel/PiecewiseFunction';
import vtkPlane from '@kitware/vtk.js/Common/DataModel/Plane';
import vtkOrientationMarkerWidget from '@kitware/vtk.js/Interaction/Widgets/OrientationMarkerWidget';
import vtkSTLReader from '@kitware/vtk.js/IO/Geometry/STLReader';
import type vtkAbstractMapper from '@kitware/vtk.js/Rendering/Core/AbstractMapper';
import vtkActor from '@kitware/vtk.js/Rendering/Core/Actor';
import vtkAnnotatedCubeActor from '@kitware/vtk.js/Rendering/Core/AnnotatedCubeActor';
import vtkCellPicker from '@kitware/vtk.js/Rendering/Core/CellPicker';
import vtkColorTransferFunction from '@kitware/vtk.js/Rendering/Core/ColorTransferFunction';
import vtkMapper from '@kitware/vtk.js/Rendering/Core/Mapper';
import vtkVolume from '@kitware/vtk.js/Rendering/Core/Volume';
import vtkVolumeMapper from '@kitware/vtk.js/Rendering/Core/VolumeMapper';
import vtkGenericRenderWindow from '@kitware/vtk.js/Rendering/Misc/GenericRenderWindow';
import type { CtVoxels } from './load-ct-volume';
import type { OrganAppearance } from './organ-appearance';
import type { VolumePreset } from './volume-presets';

export interface PickResult {
  name: string;
  pointLps: [number, number, number];
}

/** Surfaces fainter than this are not picked: a click through the see-through skin should find the organ inside. */
const MIN_PICK_OPACITY = 0.3;
/** A press and release further apart than this (px) was a rotation, not a click. */
const CLICK_SLOP_PX = 4;

type Bounds = [number, number, number, number, number, number];

export class AnatomyScene {
  private readonly window: ReturnType<typeof vtkGenericRenderWindow.newInstance>;
  private readonly actors = new Map<string, vtkActor>();
  private readonly clipPlane = vtkPlane.newInstance({ normal: [0, 0, -1], origin: [0, 0, 0] });
  private clipping = false;
  private readonly picker = vtkCellPicker.newInstance();
  private readonly marker: ReturnType<typeof vtkOrientationMarkerWidget.newInstance>;
  private readonly resizeObserver: ResizeObserver;
  private volume: { voxels: CtVoxels; actor: vtkVolume } | null = null;

  constructor(container: HTMLElement, onPick: (pick: PickResult | null) => void) {
    this.window = vtkGenericRenderWindow.newInstance({ background: [0.06, 0.08, 0.13] });
    this.window.setContainer(container);
    this.window.resize();
    this.resizeObserver = new ResizeObserver(() => {
      this.window.resize();
      this.render();
    });
    this.resizeObserver.observe(container);
    this.marker = this.orientationMarker();
    this.picker.setTolerance(0);
    this.listenForClicks(onPick);
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
   * Shows the CT volume-rendered with a transfer-function preset (replacing the previous one), or hides it (null).
   * The voxel array is wrapped, not copied.
   */
  setVolume(voxels: CtVoxels | null, preset: VolumePreset | null): void {
    const renderer = this.window.getRenderer();
    if (!voxels || !preset) {
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
      renderer.addVolume(actor);
      this.volume = { voxels, actor };
    }
    const colors = vtkColorTransferFunction.newInstance();
    preset.colors.forEach(([hu, r, g, b]) => colors.addRGBPoint(hu, r, g, b));
    const opacities = vtkPiecewiseFunction.newInstance();
    preset.opacities.forEach(([hu, opacity]) => opacities.addPoint(hu, opacity));
    const property = this.volume.actor.getProperty();
    property.setRGBTransferFunction(0, colors);
    property.setScalarOpacity(0, opacities);
    property.setInterpolationTypeToLinear();
    property.setShade(true);
    property.setAmbient(0.2);
    property.setDiffuse(0.7);
    property.setSpecular(0.3);
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
    const renderer = this.window.getRenderer();
    const camera = renderer.getActiveCamera();
    const b = this.bounds();
    const centre: [number, number, number] = b ? [(b[0] + b[1]) / 2, (b[2] + b[3]) / 2, (b[4] + b[5]) / 2] : [0, 0, 0];
    camera.setFocalPoint(...centre);
    camera.setPosition(centre[0], centre[1] - 1000, centre[2]); // anterior is −y in LPS
    camera.setViewUp(0, 0, 1); // superior is +z
    renderer.resetCamera();
    this.render();
  }

  render(): void {
    this.window.getRenderWindow().render();
  }

  dispose(): void {
    this.resizeObserver.disconnect();
    this.marker.setEnabled(false);
    this.marker.delete();
    this.clear();
    this.setVolume(null, null);
    this.window.delete();
  }

  /** A cube labelled with the LPS directions (R/L, A/P, S/I) in a corner, turning with the camera. */
  private orientationMarker() {
    const cube = vtkAnnotatedCubeActor.newInstance();
    cube.setDefaultStyle({ fontStyle: 'bold', fontFamily: 'Arial', fontColor: 'white', faceColor: '#2a3a5e', edgeThickness: 0.06, edgeColor: 'white', resolution: 200 });
    cube.setXPlusFaceProperty({ text: 'L' });
    cube.setXMinusFaceProperty({ text: 'R' });
    cube.setYPlusFaceProperty({ text: 'P' });
    cube.setYMinusFaceProperty({ text: 'A' });
    cube.setZPlusFaceProperty({ text: 'S' });
    cube.setZMinusFaceProperty({ text: 'I' });
    const marker = vtkOrientationMarkerWidget.newInstance({ actor: cube, interactor: this.window.getInteractor() });
    marker.setEnabled(true);
    marker.setViewportCorner(vtkOrientationMarkerWidget.Corners.BOTTOM_LEFT);
    marker.setViewportSize(0.15);
    marker.setMinPixelSize(70);
    marker.setMaxPixelSize(140);
    return marker;
  }

  private listenForClicks(onPick: (pick: PickResult | null) => void): void {
    const interactor = this.window.getInteractor();
    let pressedAt: { x: number; y: number } | null = null;
    interactor.onLeftButtonPress((event) => {
      pressedAt = { x: event.position.x, y: event.position.y };
    });
    interactor.onLeftButtonRelease((event) => {
      const { x, y } = event.position;
      if (!pressedAt || Math.hypot(x - pressedAt.x, y - pressedAt.y) > CLICK_SLOP_PX) return;
      pressedAt = null;
      onPick(this.pick(x, y));
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
