/**
 * Fetches the Part-10 bytes of every instance of a series through the bridge (the renderer never sees paths or
 * URLs) and hands them to cornerstone's DICOM image loader, so stack and volume viewports can load them by image id.
 * The image shown first is fetched first and the series counts as loaded once it is there: the rest follows outwards
 * from it, and an image asked for before its bytes arrived waits for them (`loadImageWhenFetched`).
 */
import { cache, type Types } from '@cornerstonejs/core';
import { prefetchPart10Instance, wadouri } from '@cornerstonejs/dicom-image-loader';
import { Enums as MetadataEnums, metaData } from '@cornerstonejs/metadata';
import type { TwinBridge } from '../../main/contract/bridge';
import type { SeriesInstance, SeriesSummary } from '../../main/contract/domain';

export interface LoadedSeries {
  series: SeriesSummary;
  /** In the importer's slice order (sorted along the slice normal). */
  instances: SeriesInstance[];
  /** One image id per frame, in the same order. */
  imageIds: string[];
  /** Index in `imageIds` of the image the stack opens on: its bytes are already fetched. */
  firstImageIndex: number;
  /** Settles when every instance is fetched (volumes need them all); rejects with the first failure. */
  complete: Promise<void>;
}

export interface LoadProgress {
  instancesLoaded: number;
  instanceCount: number;
}

/** Parallel fetches: enough to hide per-request latency without starving the decoder workers. */
const CONCURRENT_FETCHES = 6;

/** `wadouri:` is the scheme the loader resolves from its prefetched Part-10 cache; the rest is just a unique key. */
const ID_PREFIX = 'wadouri:twin/';
export function baseImageId(sopInstanceUid: string): string {
  return `${ID_PREFIX}${sopInstanceUid}`;
}

/** The stack opens on the middle image, where most anatomy is. */
export function firstImageIndex(imageCount: number): number {
  return Math.floor((imageCount - 1) / 2);
}

/** Multi-frame instances get one image id per frame (`?frame=n`, 1-based, as the loader expects). */
export function frameImageIds(instance: SeriesInstance): string[] {
  const base = baseImageId(instance.sopInstanceUid);
  if (instance.frames <= 1) return [base];
  return Array.from({ length: instance.frames }, (_, i) => `${base}?frame=${i + 1}`);
}

/** Instances already handed to the loader in this page: a series reopened is not fetched again. */
const prefetched = new Map<string, Promise<void>>();

/**
 * cornerstone's `wadouri` loader, made to wait for bytes still on their way through the bridge: registered in place
 * of the plain one, so a stack scrolled (or a volume streamed) ahead of the fetches shows each image as it arrives.
 */
export function loadImageWhenFetched(imageId: string, options?: Record<string, unknown>): Types.IImageLoadObject {
  const uid = imageId.startsWith(ID_PREFIX) ? imageId.slice(ID_PREFIX.length).split('?')[0]! : null;
  const fetched = (uid !== null && prefetched.get(uid)) || Promise.resolve();
  return { promise: fetched.then(() => wadouri.loadImageFromNaturalizedMetadata(imageId, options).promise) };
}

/** Instance indices nearest to `first` first: a clinician scrolls away from the opening image a slice at a time. */
function fetchOrder(count: number, first: number): number[] {
  return Array.from({ length: count }, (_, i) => i).sort((a, b) => Math.abs(a - first) - Math.abs(b - first) || a - b);
}

export async function loadSeriesImages(
  bridge: TwinBridge,
  seriesKey: string,
  onProgress: (p: LoadProgress) => void,
  signal: AbortSignal,
  /** cornerstone's start: bytes are fetched meanwhile, and handed to the loader once it is ready. */
  loaderReady: Promise<void>,
): Promise<LoadedSeries> {
  const { series, instances } = await bridge.invoke('series.instances', { seriesKey });
  if (instances.length === 0) throw new Error('This series has no instances to show.');
  const imageIds = instances.flatMap(frameImageIds);
  const first = firstImageIndex(imageIds.length);
  let framesBefore = 0;
  const firstInstance = instances.findIndex((instance) => (framesBefore += frameImageIds(instance).length) > first);
  const order = fetchOrder(instances.length, firstInstance);
  let loaded = 0;
  let next = 0;
  onProgress({ instancesLoaded: 0, instanceCount: instances.length });

  const fetchOne = (uid: string): Promise<void> => {
    let pending = prefetched.get(uid);
    if (!pending) {
      pending = bridge
        .instanceBytes(uid)
        .then(async (bytes) => {
          await loaderReady;
          return prefetchPart10Instance(baseImageId(uid), bytes);
        })
        .then(() => undefined);
      // A failed fetch must not poison the cache: the next attempt fetches again.
      pending.catch(() => prefetched.delete(uid));
      prefetched.set(uid, pending);
    }
    return pending;
  };
  const fetchInstance = (instance: SeriesInstance): Promise<void> =>
    fetchOne(instance.sopInstanceUid).catch((err: Error) => {
      throw new Error(`Could not load image ${instance.sopInstanceUid}: ${err.message}`, { cause: err });
    });

  const worker = async (): Promise<void> => {
    while (next < order.length) {
      if (signal.aborted) throw new DOMException('Loading cancelled', 'AbortError');
      await fetchInstance(instances[order[next++]!]!);
      loaded++;
      onProgress({ instancesLoaded: loaded, instanceCount: instances.length });
    }
  };
  const complete = Promise.all(Array.from({ length: Math.min(CONCURRENT_FETCHES, instances.length) }, worker)).then(() => undefined);
  // Marked handled, so a failure nobody waits for (the viewer already left the series) is not an unhandled rejection;
  // whoever awaits `complete` still gets it.
  complete.catch(() => undefined);
  await fetchInstance(instances[firstInstance]!);
  return { series, instances, imageIds, firstImageIndex: first, complete };
}

/**
 * Lets go of a series when the viewer leaves it: the loader keeps each Part-10 file (pixel data included) in its
 * metadata cache and cornerstone keeps every decoded image, so a long CT would otherwise stay in memory twice
 * over after the clinician moved on.
 */
export function releaseSeriesImages(loaded: LoadedSeries): void {
  for (const imageId of loaded.imageIds) {
    if (cache.getImageLoadObject(imageId)) cache.removeImageLoadObject(imageId, { force: true });
  }
  for (const instance of loaded.instances) {
    metaData.clearQuery(MetadataEnums.MetadataModules.NATURALIZED, baseImageId(instance.sopInstanceUid));
    prefetched.delete(instance.sopInstanceUid);
  }
}
