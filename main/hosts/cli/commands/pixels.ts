/** `twin pixels FILE`: decode one DICOM file and fingerprint its stored values (no store needed). */
import { describePixels } from '../../../../workers/dicom/decode/describe-pixels';
import { UsageError, type CliCommand } from '../command';

export const pixelsCommand: CliCommand = {
  name: 'pixels',
  summary: 'decode one DICOM file and print its size, value range and a hash of its stored values',
  usage: `Usage: twin pixels FILE [--json]

Prints {"transferSyntaxUID","rows","columns","frames","samplesPerPixel","min","max","sha256"}; sha256 is taken over
the stored values (before rescale) as little-endian int32 in frame, row, column, sample order, so two lossless
encodings of one image print the same hash. Exit 1 when the file cannot be read or decoded.`,
  options: {},
  async run(ctx) {
    if (ctx.positionals.length !== 1) throw new UsageError('give exactly one file');
    // A DicomFileError's message starts with the file name, so the error line says which file failed and why.
    const report = await describePixels(ctx.positionals[0]!);
    ctx.print(report, (r) =>
      [
        `transfer syntax  ${r.transferSyntaxUID}`,
        `size             ${r.columns} × ${r.rows}, ${r.frames} frame(s), ${r.samplesPerPixel} sample(s) per pixel`,
        `stored values    ${r.min} … ${r.max}`,
        `sha256           ${r.sha256}`,
      ].join('\n'),
    );
    return 0;
  },
};
