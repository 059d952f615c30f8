/**
 * What every vtk.js 3D view of the workstation shares: a render window that follows its container's size, the LPS
 * orientation cube, and the click-versus-drag rule for picking (a press and release close together is a click; a
 * drag rotates the camera).
 */
import '@kitware/vtk.js/Rendering/Profiles/Geometry';
import vtkOrientationMarkerWidget from '@kitware/vtk.js/Interaction/Widgets/OrientationMarkerWidget';
import vtkAnnotatedCubeActor from '@kitware/vtk.js/Rendering/Core/AnnotatedCubeActor';
import vtkGenericRenderWindow from '@kitware/vtk.js/Rendering/Misc/GenericRenderWindow';

/** A press and release further apart than this (px) was a rotation, not a click. */
const CLICK_SLOP_PX = 4;

export type GenericRenderWindow = ReturnType<typeof vtkGenericRenderWindow.newInstance>;
export type OrientationMarker = ReturnType<typeof vtkOrientationMarkerWidget.newInstance>;

export interface SizedRenderWindow {
  window: GenericRenderWindow;
  /** Stops following the container; call on dispose. */
  disconnect(): void;
}

/** A render window in `container` that resizes and re-renders with it. */
export function sizedRenderWindow(container: HTMLElement): SizedRenderWindow {
  const window = vtkGenericRenderWindow.newInstance({ background: [0.06, 0.08, 0.13] });
  window.setContainer(container);
  window.resize();
  const observer = new ResizeObserver(() => {
    window.resize();
    window.getRenderWindow().render();
  });
  observer.observe(container);
  return { window, disconnect: () => observer.disconnect() };
}

/** A cube labelled with the LPS directions (R/L, A/P, S/I) in the bottom-left corner, turning with the camera. */
export function orientationCube(window: GenericRenderWindow, maxPixelSize = 140): OrientationMarker {
  const cube = vtkAnnotatedCubeActor.newInstance();
  cube.setDefaultStyle({ fontStyle: 'bold', fontFamily: 'Arial', fontColor: 'white', faceColor: '#2a3a5e', edgeThickness: 0.06, edgeColor: 'white', resolution: 200 });
  cube.setXPlusFaceProperty({ text: 'L' });
  cube.setXMinusFaceProperty({ text: 'R' });
  cube.setYPlusFaceProperty({ text: 'P' });
  cube.setYMinusFaceProperty({ text: 'A' });
  cube.setZPlusFaceProperty({ text: 'S' });
  cube.setZMinusFaceProperty({ text: 'I' });
  const marker = vtkOrientationMarkerWidget.newInstance({ actor: cube, interactor: window.getInteractor() });
  marker.setEnabled(true);
  marker.setViewportCorner(vtkOrientationMarkerWidget.Corners.BOTTOM_LEFT);
  marker.setViewportSize(0.15);
  marker.setMinPixelSize(maxPixelSize / 2);
  marker.setMaxPixelSize(maxPixelSize);
  return marker;
}

/** Calls `onClick` with vtk display coordinates (device pixels, origin bottom-left) for clicks, not for drags. */
export function onClick(window: GenericRenderWindow, onClickAt: (x: number, y: number) => void): void {
  const interactor = window.getInteractor();
  let pressedAt: { x: number; y: number } | null = null;
  interactor.onLeftButtonPress((event) => {
    pressedAt = { x: event.position.x, y: event.position.y };
  });
  interactor.onLeftButtonRelease((event) => {
    const { x, y } = event.position;
    const wasClick = pressedAt !== null && Math.hypot(x - pressedAt.x, y - pressedAt.y) <= CLICK_SLOP_PX;
    pressedAt = null;
    if (wasClick) onClickAt(x, y);
  });
}

/** Looks at the centre of `bounds` (LPS mm) from the patient's front, head up, with everything in view. */
export function viewFromAnterior(window: GenericRenderWindow, bounds: readonly number[] | null | undefined): void {
  const renderer = window.getRenderer();
  const camera = renderer.getActiveCamera();
  const centre: [number, number, number] = bounds ? [(bounds[0]! + bounds[1]!) / 2, (bounds[2]! + bounds[3]!) / 2, (bounds[4]! + bounds[5]!) / 2] : [0, 0, 0];
  camera.setFocalPoint(...centre);
  camera.setPosition(centre[0], centre[1] - 1000, centre[2]); // anterior is −y in LPS
  camera.setViewUp(0, 0, 1); // superior is +z
  renderer.resetCamera();
}
