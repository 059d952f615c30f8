/**
 * Masks → an RT Structure Set: contours by marching squares on each slice (extract-contours), each naming the CT
 * image of its slice, encoded by the shared Part-10 writer (workers/dicom/write).
 */
import type { JobContext } from '../../process/job-context';
import { encodePart10 } from '../../dicom/write/part10';
import { rtStructDataset, type ImageReference, type RtRoiInterpretedType, type RtStructInput } from '../../dicom/write/rtstruct';
import type { BinaryMask } from '../mask';
import { extractContours } from './extract-contours';

export interface StructureToWrite {
  name: string;
  mask: BinaryMask;
  colorRgb: [number, number, number];
  interpretedType: RtRoiInterpretedType;
}

/**
 * `reference.referencedSeries.images` must list the CT images in the masks' slice order (k = 0, 1, …): the contour
 * on slice k names image k.
 */
export function rtStructFromMasks(structures: StructureToWrite[], reference: Omit<RtStructInput, 'rois'>, ctx?: JobContext): Uint8Array {
  const images: ImageReference[] = reference.referencedSeries.images;
  const rois = structures.map((s, n) => {
    ctx?.throwIfCancelled();
    ctx?.progress(n / structures.length, `contouring ${s.name}`);
    if (s.mask.dims[2] !== images.length) throw new RangeError(`${s.name}: ${s.mask.dims[2]} slices but ${images.length} referenced images`);
    return {
      number: n + 1,
      name: s.name,
      colorRgb: s.colorRgb,
      interpretedType: s.interpretedType,
      contours: extractContours(s.mask).map((c) => ({ pointsMm: c.pointsMm, image: images[c.sliceIndex]! })),
    };
  });
  return encodePart10(rtStructDataset({ ...reference, rois }));
}
