/**
 * The DICOM attributes the engines read, as dicom-parser tag keys ('xGGGGEEEE'). Names follow PS3.6 keywords so a
 * reader can look each one up in the standard.
 */
export const TAG = {
  // File meta information (PS3.10 §7.1)
  MediaStorageSOPClassUID: 'x00020002',
  TransferSyntaxUID: 'x00020010',
  // SOP common, patient, study, series
  SpecificCharacterSet: 'x00080005',
  SOPClassUID: 'x00080016',
  SOPInstanceUID: 'x00080018',
  StudyDate: 'x00080020',
  StudyTime: 'x00080030',
  AccessionNumber: 'x00080050',
  Modality: 'x00080060',
  StudyDescription: 'x00081030',
  SeriesDescription: 'x0008103e',
  PatientName: 'x00100010',
  PatientID: 'x00100020',
  PatientBirthDate: 'x00100030',
  PatientSex: 'x00100040',
  SliceThickness: 'x00180050',
  SpacingBetweenSlices: 'x00180088',
  GantryDetectorTilt: 'x00181120',
  StudyInstanceUID: 'x0020000d',
  SeriesInstanceUID: 'x0020000e',
  SeriesNumber: 'x00200011',
  InstanceNumber: 'x00200013',
  ImagePositionPatient: 'x00200032',
  ImageOrientationPatient: 'x00200037',
  FrameOfReferenceUID: 'x00200052',
  // Image pixel module
  SamplesPerPixel: 'x00280002',
  PhotometricInterpretation: 'x00280004',
  PlanarConfiguration: 'x00280006',
  NumberOfFrames: 'x00280008',
  Rows: 'x00280010',
  Columns: 'x00280011',
  PixelSpacing: 'x00280030',
  BitsAllocated: 'x00280100',
  BitsStored: 'x00280101',
  HighBit: 'x00280102',
  PixelRepresentation: 'x00280103',
  RescaleIntercept: 'x00281052',
  RescaleSlope: 'x00281053',
  // VOI LUT module (PS3.3 C.11.2): the display window the modality suggests
  WindowCenter: 'x00281050',
  WindowWidth: 'x00281051',
  PixelData: 'x7fe00010',
  FloatPixelData: 'x7fe00008',
  DoubleFloatPixelData: 'x7fe00009',
  // Enhanced multi-frame functional groups (PS3.3 C.7.6.16)
  SharedFunctionalGroupsSequence: 'x52009229',
  PerFrameFunctionalGroupsSequence: 'x52009230',
  PixelMeasuresSequence: 'x00289110',
  PlanePositionSequence: 'x00209113',
  PlaneOrientationSequence: 'x00209116',
  PixelValueTransformationSequence: 'x00289145',
  FrameVOILUTSequence: 'x00289132',
  // RT Dose (PS3.3 C.8.8.3): frames are planes at ImagePositionPatient + offset along the normal, scaled to Gy.
  GridFrameOffsetVector: 'x3004000c',
  DoseGridScaling: 'x3004000e',
  // Media storage directory (DICOMDIR, PS3.3 F.3)
  DirectoryRecordSequence: 'x00041220',
  ReferencedFileID: 'x00041500',
} as const;

export const MEDIA_STORAGE_DIRECTORY_SOP_CLASS = '1.2.840.10008.1.3.10';
