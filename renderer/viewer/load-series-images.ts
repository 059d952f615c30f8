/**
 * Fetches the Part-10 bytes of every instance of a series through the bridge (the renderer never sees paths or
 * URLs) and hands them to cornerstone's DICOM image loader, so stack and volume viewports can load them by image id.
 */
import { cache } from '@cornerstonejs/core';
import { prefetchPart10Instance } from '@cornerstonejs/dicom-image-loader';
import { Enums as MetadataEnums, metaData } from '@cornerstonejs/metadata';
import type { TwinBridge } from '../../main/contract/bridge';
import type { SeriesInstance, SeriesSummary } from '../../main/contract/domain';

export interface LoadedSeries {
  series: SeriesSummary;
  /** In the importer's slice order (sorted along the slice normal). */
  instances: SeriesInstance[];
  /** One image id per frame, in the same order. */
  imageIds: string[];
}

export interface LoadProgress {
  instancesLoaded: number;
  instanceCount: number;
}

/** Parallel fetches: enough to hide per-request latency without starving the decoder workers. */
const CONCURRENT_FETCHES = 6;

/** `wadouri:` is the scheme the loader resolves from its prefetched Part-10 cache; the rest is just a unique key. */
export function baseImageId(sopInstanceUid: string): string {
  return `wadouri:twin/${sopInstanceUid}`;
}

/** Multi-frame instances get one image id per frame (`?frame=n`, 1-based, as the loader expects). */
export function frameImageIds(instance: SeriesInstance): string[] {
  const base = baseImageId(instance.sopInstanceUid);
  if (instance.frames <= 1) return [base];
  return Array.from({ length: instance.frames }, (_, i) => `${base}?frame=${i + 1}`);
}

/** Instances already handed to the loader in this page: a series reopened is not fetched again. */
const prefetched = new Map<string, Promise<void>>();

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

  const worker = async (): Promise<void> => {
    while (next < instances.length) {
      if (signal.aborted) throw new DOMException('Loading cancelled', 'AbortError');
      const instance = instances[next++]!;
      try {
        await fetchOne(instance.sopInstanceUid);
      } catch (err) {
        throw new Error(`Could not load image ${instance.sopInstanceUid}: ${(err as Error).message}`, { cause: err });
      }
      loaded++;
      onProgress({ instancesLoaded: loaded, instanceCount: instances.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_FETCHES, instances.length) }, worker));
  return { series, instances, imageIds: instances.flatMap(frameImageIds) };
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
