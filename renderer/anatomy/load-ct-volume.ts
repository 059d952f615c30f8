/**
 * The CT (or MR) as one voxel array for volume rendering, decoded by the viewer's cornerstone pipeline (its DICOM loader,
 * codecs and web workers) rather than a second decoder: instances come through the bridge, decoding runs off the
 * UI thread. The volume is cached by cornerstone under its own id, so a reopened tab does not decode again.
 */
import { cache, volumeLoader, type Types } from '@cornerstonejs/core';
import type { TwinBridge } from '../../main/contract/bridge';
import { ensureCornerstone } from '../viewer/init-cornerstone';
import { loadSeriesImages } from '../viewer/load-series-images';

export interface CtVoxels {
  dims: [number, number, number];
  spacingMm: [number, number, number];
  /** Centre of the first voxel, LPS mm. */
  originLps: [number, number, number];
  /** Row, column and slice direction cosines, 9 numbers. */
  direction: number[];
  /** HU, x fastest. */
  scalars: ArrayLike<number>;
}

const pending = new Map<string, Promise<CtVoxels>>();

export function loadCtVoxels(bridge: TwinBridge, seriesKey: string): Promise<CtVoxels> {
  let voxels = pending.get(seriesKey);
  if (!voxels) {
    voxels = load(bridge, seriesKey);
    voxels.catch(() => pending.delete(seriesKey)); // a failure may be retried
    pending.set(seriesKey, voxels);
  }
  return voxels;
}

async function load(bridge: TwinBridge, seriesKey: string): Promise<CtVoxels> {
  const ready = ensureCornerstone();
  const { imageIds, complete } = await loadSeriesImages(bridge, seriesKey, () => undefined, new AbortController().signal, ready);
  await complete;
  const volumeId = `cornerstoneStreamingImageVolume:twin-anatomy-${seriesKey}`;
  const volume = (cache.getVolume(volumeId) as Types.IImageVolume | undefined) ?? (await volumeLoader.createAndCacheVolume(volumeId, { imageIds }));
  await new Promise<void>((resolve) => (volume as unknown as { load: (done: () => void) => void }).load(resolve));
  const scalars = volume.voxelManager?.getCompleteScalarDataArray?.();
  if (!scalars) throw new Error('the CT volume has no voxel data');
  return {
    dims: [...volume.dimensions] as [number, number, number],
    spacingMm: [...volume.spacing] as [number, number, number],
    originLps: [...volume.origin] as [number, number, number],
    direction: [...volume.direction],
    scalars: scalars as ArrayLike<number>,
  };
}
