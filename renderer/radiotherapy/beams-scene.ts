/**
 * The vtk.js scene of a plan in 3D (DICOM patient coordinates, LPS mm): the plan's structure surfaces (binary STL
 * from the plan job) and each beam as a translucent field pyramid from its source to the isocentre plane with its
 * central axis as a line. Beams switched off in the what-if are greyed out. The camera frames the structures and
 * the fields at the isocentre (the sources lie a metre away) and looks from anterior, head up, as the anatomy
 * workspace does (renderer/anatomy/anatomy-scene.ts).
 */
import '@kitware/vtk.js/Rendering/Profiles/Geometry';
import vtkCellArray from '@kitware/vtk.js/Common/Core/CellArray';
import vtkPoints from '@kitware/vtk.js/Common/Core/Points';
import vtkPolyData from '@kitware/vtk.js/Common/DataModel/PolyData';
import vtkSTLReader from '@kitware/vtk.js/IO/Geometry/STLReader';
import vtkActor from '@kitware/vtk.js/Rendering/Core/Actor';
import vtkMapper from '@kitware/vtk.js/Rendering/Core/Mapper';
import { fieldPyramidMesh, type BeamDisplay } from '../../workers/rt/beams/beam-display';
import { sizedRenderWindow, type GenericRenderWindow } from '../shell/vtk-view';

type Rgb = [number, number, number];
type Bounds = [number, number, number, number, number, number];

const BEAM_ON: Rgb = [0.7, 0.85, 1];
const BEAM_OFF: Rgb = [0.45, 0.45, 0.45];
const FIELD_OPACITY = { on: 0.18, off: 0.07 };
/** Room round the framed structures and fields: the view shows where the beams come from. */
const FRAME_ZOOM = 0.8;

interface BeamActors {
  field: vtkActor;
  axis: vtkActor;
}

function polyData(positions: ArrayLike<number>, cells: { polys?: number[][]; lines?: number[][] }): vtkPolyData {
  const data = vtkPolyData.newInstance();
  const points = vtkPoints.newInstance();
  points.setData(Float32Array.from(positions), 3);
  data.setPoints(points);
  const cellArray = (list: number[][]) => vtkCellArray.newInstance({ values: Uint32Array.from(list.flatMap((c) => [c.length, ...c])) });
  if (cells.polys) data.setPolys(cellArray(cells.polys));
  if (cells.lines) data.setLines(cellArray(cells.lines));
  return data;
}

function actorFor(data: vtkPolyData): vtkActor {
  const mapper = vtkMapper.newInstance();
  mapper.setInputData(data);
  mapper.setScalarVisibility(false);
  const actor = vtkActor.newInstance();
  actor.setMapper(mapper);
  return actor;
}

export class BeamsScene {
  private readonly window: GenericRenderWindow;
  private readonly surfaces = new Map<string, vtkActor>();
  private beams: BeamActors[] = [];
  private fieldCorners: number[][] = [];
  private readonly stopResizing: () => void;

  constructor(container: HTMLElement) {
    ({ window: this.window, disconnect: this.stopResizing } = sizedRenderWindow(container));
  }

  /** A structure's surface from binary STL bytes (LPS mm). */
  addSurface(name: string, stl: ArrayBuffer, color: Rgb, opacity: number): void {
    const reader = vtkSTLReader.newInstance();
    reader.parseAsArrayBuffer(stl);
    const actor = actorFor(reader.getOutputData());
    actor.getProperty().setColor(...color);
    actor.getProperty().setOpacity(opacity);
    this.surfaces.get(name)?.delete();
    this.surfaces.set(name, actor);
    this.window.getRenderer().addActor(actor);
  }

  setBeams(beams: readonly BeamDisplay[]): void {
    const renderer = this.window.getRenderer();
    for (const b of this.beams) [b.field, b.axis].forEach((a) => renderer.removeActor(a));
    this.fieldCorners = beams.flatMap((d) => d.fieldCornersLps);
    this.beams = beams.map((d) => {
      const mesh = fieldPyramidMesh(d);
      const polys: number[][] = [];
      for (let t = 0; t < mesh.triangles.length; t += 3) polys.push([mesh.triangles[t]!, mesh.triangles[t + 1]!, mesh.triangles[t + 2]!]);
      const field = actorFor(polyData(mesh.positions, { polys }));
      const axis = actorFor(polyData([...d.sourceLps, ...d.isocentreLps], { lines: [[0, 1]] }));
      axis.getProperty().setLineWidth(2);
      renderer.addActor(field);
      renderer.addActor(axis);
      return { field, axis };
    });
    this.setBeamsOn(beams.map(() => true));
  }

  setBeamsOn(on: readonly boolean[]): void {
    this.beams.forEach(({ field, axis }, i) => {
      const colour = on[i] ? BEAM_ON : BEAM_OFF;
      field.getProperty().setColor(...colour);
      field.getProperty().setOpacity(on[i] ? FIELD_OPACITY.on : FIELD_OPACITY.off);
      axis.getProperty().setColor(...colour);
      axis.getProperty().setOpacity(on[i] ? 1 : 0.4);
    });
  }

  /** Anterior view, head up, framing the structures and the beams' fields on the isocentre plane; nothing clipped. */
  resetCamera(): void {
    const renderer = this.window.getRenderer();
    const camera = renderer.getActiveCamera();
    // A field pyramid's bounds reach its source a metre away; only its base on the isocentre plane is framed.
    const b = union([this.boundsOf([...this.surfaces.values()]), pointBounds(this.fieldCorners)]);
    if (!b) return;
    const centre: [number, number, number] = [(b[0] + b[1]) / 2, (b[2] + b[3]) / 2, (b[4] + b[5]) / 2];
    camera.setFocalPoint(...centre);
    camera.setPosition(centre[0], centre[1] - 1000, centre[2]); // anterior is −y in LPS
    camera.setViewUp(0, 0, 1); // superior is +z
    renderer.resetCamera(b);
    camera.zoom(FRAME_ZOOM);
    const all = union([b, this.boundsOf(this.beams.map((x) => x.field))]);
    if (all) renderer.resetCameraClippingRange(all);
    this.render();
  }

  render(): void {
    this.window.getRenderWindow().render();
  }

  dispose(): void {
    this.stopResizing();
    this.window.delete();
  }

  private boundsOf(actors: vtkActor[]): Bounds | null {
    return union(actors.map((a) => a.getBounds() as Bounds));
  }
}

function union(list: (Bounds | null)[]): Bounds | null {
  const present = list.filter((b): b is Bounds => b !== null);
  if (present.length === 0) return null;
  return present.reduce((b, a) => [Math.min(b[0], a[0]), Math.max(b[1], a[1]), Math.min(b[2], a[2]), Math.max(b[3], a[3]), Math.min(b[4], a[4]), Math.max(b[5], a[5])]);
}

function pointBounds(points: readonly (readonly number[])[]): Bounds | null {
  if (points.length === 0) return null;
  const b: Bounds = [Infinity, -Infinity, Infinity, -Infinity, Infinity, -Infinity];
  for (const p of points)
    for (let k = 0; k < 3; k++) {
      b[2 * k] = Math.min(b[2 * k]!, p[k]!);
      b[2 * k + 1] = Math.max(b[2 * k + 1]!, p[k]!);
    }
  return b;
}
