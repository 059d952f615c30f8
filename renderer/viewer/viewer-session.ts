/**
 * Everything the viewer does to cornerstone3d, behind plain methods: one rendering engine per mounted viewer, a
 * tool group per layout (stack, MPR), and the commands of the toolbar and the keyboard. React owns the elements;
 * this owns what cornerstone draws in them.
 */
import {
  Enums,
  cache,
  eventTarget,
  metaData,
  setVolumesForViewports,
  utilities,
  volumeLoader,
  type StackViewport,
  type Types,
} from '@cornerstonejs/core';
import {
  AngleTool,
  CrosshairsTool,
  EllipticalROITool,
  Enums as ToolEnums,
  type Types as ToolTypes,
  LengthTool,
  PanTool,
  RectangleROITool,
  StackScrollTool,
  SynchronizerManager,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  synchronizers,
  utilities as toolUtilities,
} from '@cornerstonejs/tools';
import { sharedRenderingEngine } from './init-cornerstone';
import { firstImageIndex } from './load-series-images';
import type { ViewerTool } from './shortcuts';
import { voiRangeOf, type WindowPreset } from './window-presets';

export type MprPlane = 'axial' | 'sagittal' | 'coronal';
export const MPR_PLANES: readonly MprPlane[] = ['axial', 'sagittal', 'coronal'];

const ORIENTATION: Record<MprPlane, Enums.OrientationAxis> = {
  axial: Enums.OrientationAxis.AXIAL,
  sagittal: Enums.OrientationAxis.SAGITTAL,
  coronal: Enums.OrientationAxis.CORONAL,
};

const TOOL_NAMES: Record<ViewerTool, string> = {
  WindowLevel: WindowLevelTool.toolName,
  Pan: PanTool.toolName,
  Zoom: ZoomTool.toolName,
  Length: LengthTool.toolName,
  Angle: AngleTool.toolName,
  EllipticalROI: EllipticalROITool.toolName,
  RectangleROI: RectangleROITool.toolName,
  Crosshairs: CrosshairsTool.toolName,
};

/** Measurement tools: passive when not chosen, so their annotations stay visible and editable. */
export const MEASUREMENT_TOOL_NAMES = [LengthTool.toolName, AngleTool.toolName, EllipticalROITool.toolName, RectangleROITool.toolName];

const CINE_FRAMES_PER_SECOND = 12;

/** Tools whose left click does nothing by itself, so a click may move the linked point. */
const CLICK_TO_LINK_TOOLS = new Set<ViewerTool>(['WindowLevel', 'Pan', 'Zoom']);

type Point3 = [number, number, number];

export interface VolumeProgress {
  framesLoaded: number;
  frameCount: number;
}

let sessionCounter = 0;

/** The frame of reference of an image: measurements are stored per frame of reference. */
export function frameOfReferenceOf(imageId: string): string | null {
  const plane = metaData.get('imagePlaneModule', imageId) as { frameOfReferenceUID?: string } | undefined;
  return plane?.frameOfReferenceUID ?? null;
}

export class ViewerSession {
  readonly id = `twin-viewer-${++sessionCounter}`;
  private readonly engine = sharedRenderingEngine();
  private toolGroupId: string | null = null;
  private voiSyncId: string | null = null;
  private viewportIds: string[] = [];
  private activeViewportId: string | null = null;
  private primaryTool: ViewerTool = 'WindowLevel';
  private cineElement: HTMLDivElement | null = null;
  private stopVolumeProgress: (() => void) | null = null;
  /** Volumes this viewer built, released with it. */
  private readonly volumeIds = new Set<string>();
  /** Crosshairs need the volume in the MPR views before they can centre themselves. */
  private volumeShown = false;

  /** Shows the images as one stack, starting at the middle slice (where most anatomy is). */
  async showStack(element: HTMLDivElement, imageIds: string[]): Promise<void> {
    this.clearLayout();
    const viewportId = `${this.id}-stack`;
    this.engine.enableElement({ viewportId, element, type: Enums.ViewportType.STACK, defaultOptions: { background: [0, 0, 0] } });
    this.useViewports([viewportId], false);
    const viewport = this.engine.getViewport(viewportId) as StackViewport;
    await viewport.setStack(imageIds, firstImageIndex(imageIds.length));
    viewport.render();
  }

  /**
   * Three orthogonal views of one volume built from the sorted image ids (cornerstone's own ordering compares only
   * two slices: RENDERER-NOTES pitfall 2). The volume streams in; `onProgress` follows its frames.
   */
  async showMpr(
    elements: Record<MprPlane, HTMLDivElement>,
    imageIds: string[],
    volumeKey: string,
    onProgress: (p: VolumeProgress) => void,
  ): Promise<void> {
    this.clearLayout();
    const volumeId = `cornerstoneStreamingImageVolume:twin-${volumeKey}`;
    const viewportIds = MPR_PLANES.map((plane) => `${this.id}-${plane}`);
    MPR_PLANES.forEach((plane, i) =>
      this.engine.enableElement({
        viewportId: viewportIds[i]!,
        element: elements[plane],
        type: Enums.ViewportType.ORTHOGRAPHIC,
        defaultOptions: { orientation: ORIENTATION[plane], background: [0, 0, 0] },
      }),
    );
    this.useViewports(viewportIds, true);

    const cached = cache.getVolume(volumeId) as (Types.IImageVolume & { loadStatus?: { loaded: boolean } }) | undefined;
    // A copy: for wadouri ids cornerstone may reverse the list in place (to run along its normal), and the
    // caller's list is the stack's order.
    const volume = cached ?? (await volumeLoader.createAndCacheVolume(volumeId, { imageIds: [...imageIds] }));
    this.volumeIds.add(volumeId);
    this.followVolumeProgress(volumeId, imageIds.length, onProgress);
    if (cached?.loadStatus?.loaded) onProgress({ framesLoaded: imageIds.length, frameCount: imageIds.length });
    else (volume as unknown as { load: () => void }).load();
    await setVolumesForViewports(this.engine, [{ volumeId }], viewportIds);
    this.volumeShown = true;
    // Crosshairs centre themselves on the volume, so they start only once it is in the views.
    this.activatePrimary();
    this.engine.renderViewports(viewportIds);
  }

  private followVolumeProgress(volumeId: string, frameCount: number, onProgress: (p: VolumeProgress) => void): void {
    const listener = (evt: Event) => {
      const detail = (evt as CustomEvent<{ volumeId: string; framesProcessed: number; numberOfFrames: number }>).detail;
      if (detail.volumeId !== volumeId) return;
      onProgress({ framesLoaded: detail.framesProcessed, frameCount: detail.numberOfFrames || frameCount });
    };
    eventTarget.addEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, listener);
    this.stopVolumeProgress = () => eventTarget.removeEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, listener);
  }

  /** One tool group per layout, with OHIF's bindings: left = chosen tool, middle = pan, right = zoom, wheel = scroll. */
  private useViewports(viewportIds: string[], mpr: boolean): void {
    this.viewportIds = viewportIds;
    this.activeViewportId = viewportIds[0] ?? null;
    const groupId = `${this.id}-${mpr ? 'mpr' : 'stack'}-tools`;
    const group = ToolGroupManager.createToolGroup(groupId)!;
    this.toolGroupId = groupId;
    for (const name of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool].map((t) => t.toolName)) group.addTool(name);
    for (const name of MEASUREMENT_TOOL_NAMES) group.addTool(name);
    if (mpr) {
      group.addTool(CrosshairsTool.toolName, {
        // Each plane's line in its own colour, as in OHIF.
        getReferenceLineColor: (viewportId: string) =>
          ({ axial: 'rgb(200, 0, 0)', sagittal: 'rgb(200, 200, 0)', coronal: 'rgb(0, 200, 0)' })[viewportId.split('-').pop() as MprPlane] ??
          'rgb(200, 200, 200)',
      });
    }
    for (const id of viewportIds) group.addViewport(id, this.engine.id);
    group.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Auxiliary }] });
    group.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Secondary }] });
    group.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Wheel }] });
    for (const name of MEASUREMENT_TOOL_NAMES) group.setToolPassive(name);
    if (!mpr && this.primaryTool === 'Crosshairs') this.primaryTool = 'WindowLevel';
    this.activatePrimary();

    // Window/level follows across the three MPR views, as they show one volume.
    if (viewportIds.length > 1) {
      this.voiSyncId = `${this.id}-voi`;
      const sync = synchronizers.createVOISynchronizer(this.voiSyncId, { syncInvertState: true, syncColormap: false });
      for (const viewportId of viewportIds) sync.add({ renderingEngineId: this.engine.id, viewportId });
    }
  }

  private activatePrimary(): void {
    const group = this.toolGroupId ? ToolGroupManager.getToolGroup(this.toolGroupId) : undefined;
    if (!group) return;
    const name = TOOL_NAMES[this.primaryTool];
    if (!group.hasTool(name) || (name === CrosshairsTool.toolName && !this.volumeShown)) return;
    // Passive drops only the left-button binding: pan and zoom keep the middle and right buttons, annotations stay
    // drawn and editable, and crosshairs stay drawn and draggable by their lines (as in OHIF).
    const previous = group.getActivePrimaryMouseButtonTool();
    if (previous && previous !== name) group.setToolPassive(previous);
    group.setToolActive(name, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Primary }] });
    if (name !== CrosshairsTool.toolName && group.hasTool(CrosshairsTool.toolName) && this.volumeShown) {
      group.setToolPassive(CrosshairsTool.toolName);
    }
  }

  setPrimaryTool(tool: ViewerTool): void {
    this.primaryTool = tool;
    this.activatePrimary();
  }

  getPrimaryTool(): ViewerTool {
    return this.primaryTool;
  }

  /**
   * Moves the views to a point (LPS mm): in MPR the crosshair centre goes there and each view pages to the plane
   * through it; a stack pages to the slice nearest to it.
   */
  jumpTo(pointLps: Point3): void {
    const crosshairs = this.crosshairs();
    if (crosshairs) {
      crosshairs.setToolCenter([...pointLps]);
      return;
    }
    for (const viewport of this.viewports()) {
      const v = viewport as StackViewport;
      v.jumpToWorld([...pointLps]);
      v.render();
    }
  }

  /**
   * Calls `listener` with the crosshair centre (LPS mm) each time it moves in the layout shown now; returns the
   * unsubscribe. A later layout's crosshair is not reported: its first centre (the volume's middle) may come before
   * React has unsubscribed the listener of the layout it replaced.
   */
  onCrosshairMoved(listener: (pointLps: Point3) => void): () => void {
    const groupId = this.toolGroupId;
    const handler = (evt: Event) => {
      const detail = (evt as CustomEvent<{ toolGroupId: string; toolCenter: Types.Point3 }>).detail;
      if (groupId !== null && detail.toolGroupId === groupId) listener([...detail.toolCenter] as Point3);
    };
    eventTarget.addEventListener(ToolEnums.Events.CROSSHAIR_TOOL_CENTER_CHANGED, handler);
    return () => eventTarget.removeEventListener(ToolEnums.Events.CROSSHAIR_TOOL_CENTER_CHANGED, handler);
  }

  /**
   * Calls `listener` with the point (LPS mm) under a left click (press and release without a drag) in one of the
   * views, when the chosen tool does not use clicks itself (measurements and crosshairs do); returns the unsubscribe.
   */
  onPointClicked(listener: (pointLps: Point3) => void): () => void {
    const elements = this.viewports().map((v) => v.element);
    const handler = (evt: Event) => {
      const detail = (evt as ToolTypes.EventTypes.MouseClickEventType).detail;
      if (detail.mouseButton !== ToolEnums.MouseBindings.Primary || !CLICK_TO_LINK_TOOLS.has(this.primaryTool)) return;
      listener([...detail.currentPoints.world] as Point3);
    };
    elements.forEach((element) => element.addEventListener(ToolEnums.Events.MOUSE_CLICK, handler));
    return () => elements.forEach((element) => element.removeEventListener(ToolEnums.Events.MOUSE_CLICK, handler));
  }

  private crosshairs(): { setToolCenter: (center: Types.Point3) => void } | null {
    if (!this.volumeShown || !this.toolGroupId) return null;
    const group = ToolGroupManager.getToolGroup(this.toolGroupId);
    return group?.hasTool(CrosshairsTool.toolName) ? (group.getToolInstance(CrosshairsTool.toolName) as { setToolCenter: (center: Types.Point3) => void }) : null;
  }

  /** Keys, cine and flips act on the view last clicked. */
  setActiveElement(element: HTMLDivElement): void {
    const id = this.viewportIds.find((v) => this.engine.getViewport(v)?.element === element);
    if (id) this.activeViewportId = id;
  }

  /** After the layout's size changed: cornerstone keeps its canvases at their old size otherwise. */
  resize(): void {
    if (this.viewportIds.length) this.engine.resize(true, true);
  }

  /** Redraws annotations after they were changed outside the tools (e.g. deleted from the list). */
  renderAll(): void {
    if (this.viewportIds.length) this.engine.renderViewports(this.viewportIds);
  }

  private viewports(): Types.IViewport[] {
    return this.viewportIds.map((id) => this.engine.getViewport(id)).filter((v): v is Types.IViewport => !!v);
  }

  private active(): Types.IViewport | undefined {
    return this.activeViewportId ? this.engine.getViewport(this.activeViewportId) : undefined;
  }

  /** Presets apply to every view of the layout: in MPR they show one volume, so one window. */
  applyPreset(preset: WindowPreset): void {
    for (const viewport of this.viewports()) {
      const v = viewport as StackViewport;
      if (preset.window) v.setProperties({ voiRange: voiRangeOf(preset.window.widthHu, preset.window.levelHu) });
      else v.resetProperties();
      v.render();
    }
  }

  scroll(delta: number): void {
    const viewport = this.active();
    if (viewport) utilities.scroll(viewport, { delta });
  }

  jumpToEnd(which: 'first' | 'last'): void {
    const viewport = this.active();
    if (!viewport) return;
    const count = viewport.getNumberOfSlices();
    const delta = (which === 'first' ? 0 : count - 1) - viewport.getSliceIndex();
    if (delta !== 0) utilities.scroll(viewport, { delta });
  }

  invert(): void {
    for (const viewport of this.viewports()) {
      const v = viewport as StackViewport;
      v.setProperties({ invert: !v.getProperties().invert });
      v.render();
    }
  }

  flip(direction: 'horizontal' | 'vertical'): void {
    const viewport = this.active();
    if (!viewport) return;
    const camera = viewport.getCamera();
    viewport.setCamera(direction === 'horizontal' ? { flipHorizontal: !camera.flipHorizontal } : { flipVertical: !camera.flipVertical });
    viewport.render();
  }

  zoom(factor: number): void {
    const viewport = this.active();
    if (!viewport) return;
    viewport.setZoom(viewport.getZoom() * factor);
    viewport.render();
  }

  /** Back to how the series opened: camera, window and invert. */
  reset(): void {
    for (const viewport of this.viewports()) {
      viewport.resetCamera();
      (viewport as StackViewport).resetProperties();
      viewport.render();
    }
  }

  /** Plays or stops cine in the active view; returns whether it now plays. */
  toggleCine(): boolean {
    if (this.cineElement) {
      toolUtilities.cine.stopClip(this.cineElement);
      this.cineElement = null;
      return false;
    }
    const element = this.active()?.element;
    if (!element) return false;
    toolUtilities.cine.playClip(element, { framesPerSecond: CINE_FRAMES_PER_SECOND, loop: true });
    this.cineElement = element;
    return true;
  }

  private clearLayout(): void {
    if (this.cineElement) toolUtilities.cine.stopClip(this.cineElement);
    this.cineElement = null;
    this.stopVolumeProgress?.();
    this.stopVolumeProgress = null;
    this.volumeShown = false;
    if (this.voiSyncId) SynchronizerManager.destroySynchronizer(this.voiSyncId);
    this.voiSyncId = null;
    if (this.toolGroupId) ToolGroupManager.destroyToolGroup(this.toolGroupId);
    this.toolGroupId = null;
    for (const id of this.viewportIds) this.engine.disableElement(id);
    this.viewportIds = [];
    this.activeViewportId = null;
  }

  /** Frees this viewer's views, tools and volumes; the shared engine stays for the next viewer. */
  destroy(): void {
    this.clearLayout();
    for (const volumeId of this.volumeIds) {
      (cache.getVolume(volumeId) as { cancelLoading?: () => void } | undefined)?.cancelLoading?.();
      cache.removeVolumeLoadObject(volumeId);
    }
    this.volumeIds.clear();
  }
}
