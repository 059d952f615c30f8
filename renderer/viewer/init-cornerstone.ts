/**
 * One-time start of cornerstone3d (core, DICOM image loader, tools). React StrictMode mounts effects twice and
 * several viewers may mount at once, so every caller shares one promise: initialisation runs exactly once per page.
 */
import { RenderingEngine, imageLoader, init as initCore } from '@cornerstonejs/core';
import { init as initImageLoader } from '@cornerstonejs/dicom-image-loader';
import {
  AngleTool,
  CrosshairsTool,
  EllipticalROITool,
  LengthTool,
  PanTool,
  RectangleROITool,
  StackScrollTool,
  WindowLevelTool,
  ZoomTool,
  addTool,
  init as initTools,
} from '@cornerstonejs/tools';
import { loadImageWhenFetched } from './load-series-images';

let started: Promise<void> | null = null;
let engine: RenderingEngine | null = null;

/**
 * WebGL contexts per rendering engine: one per MPR view renders them in parallel. Chromium allows 16 contexts a
 * page and drops the oldest beyond that, and the 3D workspace needs its own.
 */
const WEBGL_CONTEXTS = 3;

export function ensureCornerstone(): Promise<void> {
  started ??= (async () => {
    initCore({ rendering: { webGlContextCount: WEBGL_CONTEXTS }, debug: {} });
    // Decoding runs in web workers; leave one core to the UI thread.
    initImageLoader({ maxWebWorkers: Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 2) - 1)) });
    // In place of the plain wadouri loader: the same loader, but it waits for bytes still being fetched.
    imageLoader.registerImageLoader('wadouri', loadImageWhenFetched);
    initTools();
    for (const Tool of [
      WindowLevelTool,
      PanTool,
      ZoomTool,
      StackScrollTool,
      LengthTool,
      AngleTool,
      EllipticalROITool,
      RectangleROITool,
      CrosshairsTool,
    ]) {
      addTool(Tool);
    }
  })();
  return started;
}

/**
 * The page's one rendering engine, shared by every viewer that mounts: an engine holds its WebGL contexts until
 * garbage collection, so one per mounted viewer ran out of contexts after a few series.
 */
export function sharedRenderingEngine(): RenderingEngine {
  if (!started) throw new Error('ensureCornerstone() first');
  engine ??= new RenderingEngine('twin-viewer-engine');
  return engine;
}
