import { describe, expect, it } from 'vitest';
import { readRois } from './rtstruct-rois';

/** Explicit VR little endian elements, enough to build a minimal structure set in memory. */
const ascii = (s: string) => Array.from(s.length % 2 ? `${s} ` : s, (c) => c.charCodeAt(0));
const u16 = (v: number) => [v & 0xff, v >> 8];
const u32 = (v: number) => [v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >>> 24];
const tag = (group: number, element: number) => [...u16(group), ...u16(element)];
const text = (group: number, element: number, vr: string, value: string) => {
  const v = ascii(value);
  return [...tag(group, element), ...ascii(vr), ...u16(v.length), ...v];
};
const item = (body: number[]) => [...tag(0xfffe, 0xe000), ...u32(body.length), ...body];
const sequence = (group: number, element: number, items: number[][]) => {
  const body = items.flatMap(item);
  return [...tag(group, element), ...ascii('SQ'), 0, 0, ...u32(body.length), ...body];
};

function structureSet(): ArrayBuffer {
  const meta = text(0x0002, 0x0010, 'UI', '1.2.840.10008.1.2.1');
  const dataset = [
    ...text(0x0008, 0x0060, 'CS', 'RTSTRUCT'),
    ...sequence(0x3006, 0x0020, [
      [...text(0x3006, 0x0022, 'IS', '1'), ...text(0x3006, 0x0026, 'LO', 'tumour')],
      [...text(0x3006, 0x0022, 'IS', '2'), ...text(0x3006, 0x0026, 'LO', 'spinal_cord')],
    ]),
    ...sequence(0x3006, 0x0039, [[...text(0x3006, 0x002a, 'IS', '255\\0\\128'), ...text(0x3006, 0x0084, 'IS', '1')]]),
  ];
  const groupLength = [...tag(0x0002, 0x0000), ...ascii('UL'), ...u16(4), ...u32(meta.length)];
  return Uint8Array.from([...new Array<number>(128).fill(0), ...ascii('DICM'), ...groupLength, ...meta, ...dataset]).buffer;
}

describe('ROI names and colours of a structure set', () => {
  it('reads every ROI with its display colour where the ROI Contour Sequence gives one', () => {
    expect(readRois(structureSet())).toEqual([
      { roiNumber: 1, name: 'tumour', colour: 'rgb(255, 0, 128)' },
      { roiNumber: 2, name: 'spinal_cord' },
    ]);
  });
});
