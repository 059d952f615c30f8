import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { encodePart10 } from '../write/part10';
import { textValue } from './values';

/** A minimal Part-10 file with a patient name in the given character set, as dicom-parser reads it. */
function parsed(charset: string | undefined, name: string): dicomParser.DataSet {
  const bytes = encodePart10({
    SOPClassUID: '1.2.840.10008.5.1.4.1.1.7',
    SOPInstanceUID: '2.25.1',
    ...(charset ? { SpecificCharacterSet: charset } : {}),
    PatientName: name,
  } as never);
  return dicomParser.parseDicom(bytes);
}

describe('textValue', () => {
  it('decodes UTF-8 names under ISO_IR 192', () => {
    expect(textValue(parsed('ISO_IR 192', 'Müller^Jürgen'), 'x00100010')).toBe('Müller^Jürgen');
  });
  it('reads plain ASCII without a character set and trims padding', () => {
    expect(textValue(parsed(undefined, 'Doe^Jane'), 'x00100010')).toBe('Doe^Jane');
  });
});
