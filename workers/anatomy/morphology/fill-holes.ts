/**
 * Hole filling: background that cannot be reached from the image border becomes foreground.
 * 3D fills enclosed cavities (a tumour inside a lung); 2D, slice by slice, also fills what is open only along the
 * slice axis (the lungs inside the body are open to the outside through the trachea, so only 2D filling closes them).
 * Background is flooded 6-connected, the complement of a 26-connected foreground (the usual digital-topology pairing).
 */
import { maskLike, type BinaryMask } from '../mask';

/** Fills `data` (nx×ny×nz; nz = 1 for one slice) in place: floods background from its border. */
function fillCrop(data: Uint8Array, nx: number, ny: number, nz: number, queue: Int32Array): void {
  const reached = new Uint8Array(data.length);
  let tail = 0;
  const push = (idx: number): void => {
    if (data[idx] === 0 && reached[idx] === 0) {
      reached[idx] = 1;
      queue[tail++] = idx;
    }
  };
  for (let k = 0; k < nz; k++)
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++)
        if (i === 0 || j === 0 || i === nx - 1 || j === ny - 1 || (nz > 1 && (k === 0 || k === nz - 1))) push(i + nx * (j + ny * k));
  for (let head = 0; head < tail; head++) {
    const idx = queue[head]!;
    const i = idx % nx;
    const j = Math.floor(idx / nx) % ny;
    const k = Math.floor(idx / (nx * ny));
    if (i > 0) push(idx - 1);
    if (i < nx - 1) push(idx + 1);
    if (j > 0) push(idx - nx);
    if (j < ny - 1) push(idx + nx);
    if (k > 0) push(idx - nx * ny);
    if (k < nz - 1) push(idx + nx * ny);
  }
  for (let i = 0; i < data.length; i++) if (reached[i] === 0) data[i] = 1;
}

/** Fills cavities that no 6-connected background path links to the image border. */
export function fillHoles3d(mask: BinaryMask): BinaryMask {
  const out = maskLike(mask, mask.data.slice());
  const [nx, ny, nz] = mask.dims;
  fillCrop(out.data, nx, ny, nz, new Int32Array(out.data.length));
  return out;
}

/** Fills holes in every slice along the k axis (axial slices for an axial CT) independently. */
export function fillHoles2d(mask: BinaryMask): BinaryMask {
  const out = maskLike(mask, mask.data.slice());
  const [nx, ny, nz] = mask.dims;
  const plane = nx * ny;
  const queue = new Int32Array(plane);
  for (let k = 0; k < nz; k++) fillCrop(out.data.subarray(k * plane, (k + 1) * plane), nx, ny, 1, queue);
  return out;
}
