/**
 * Transfer syntaxes (PS3.5 §10 and Annex A; PS3.6 Table A-1) grouped by how their pixel data is decoded.
 */
export type PixelEncoding =
  | 'native' // implicit/explicit VR little endian, deflated (dicom-parser inflates the whole data set)
  | 'native-big-endian'
  | 'encapsulated-uncompressed'
  | 'rle'
  | 'jpeg-baseline' // processes 1, 2 and 4: DCT, 8 or 12 bit
  | 'jpeg-lossless' // process 14, any selection value
  | 'jpeg-ls'
  | 'jpeg-2000'
  | 'htj2k';

const ENCODINGS: Record<string, PixelEncoding> = {
  '1.2.840.10008.1.2': 'native',
  '1.2.840.10008.1.2.1': 'native',
  '1.2.840.10008.1.2.1.99': 'native',
  '1.2.840.10008.1.2.2': 'native-big-endian',
  '1.2.840.10008.1.2.1.98': 'encapsulated-uncompressed',
  '1.2.840.10008.1.2.5': 'rle',
  '1.2.840.10008.1.2.4.50': 'jpeg-baseline',
  '1.2.840.10008.1.2.4.51': 'jpeg-baseline',
  '1.2.840.10008.1.2.4.57': 'jpeg-lossless',
  '1.2.840.10008.1.2.4.70': 'jpeg-lossless',
  '1.2.840.10008.1.2.4.80': 'jpeg-ls',
  '1.2.840.10008.1.2.4.81': 'jpeg-ls',
  '1.2.840.10008.1.2.4.90': 'jpeg-2000',
  '1.2.840.10008.1.2.4.91': 'jpeg-2000',
  '1.2.840.10008.1.2.4.92': 'jpeg-2000',
  '1.2.840.10008.1.2.4.93': 'jpeg-2000',
  '1.2.840.10008.1.2.4.201': 'htj2k',
  '1.2.840.10008.1.2.4.202': 'htj2k',
  '1.2.840.10008.1.2.4.203': 'htj2k',
  // The private HTJ2K UID used before the standard ones were assigned (cornerstone and OHIF still write it).
  '3.2.840.10008.1.2.4.96': 'htj2k',
};

export function pixelEncodingOf(transferSyntaxUid: string): PixelEncoding | undefined {
  return ENCODINGS[transferSyntaxUid];
}
