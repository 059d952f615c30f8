/** The SOP classes and transfer syntax this project writes (PS3.4 Annex B.5, PS3.5 §A.2). */
export const SOP_CLASS = {
  CtImage: '1.2.840.10008.5.1.4.1.1.2',
  RtStructureSet: '1.2.840.10008.5.1.4.1.1.481.3',
  RtDose: '1.2.840.10008.5.1.4.1.1.481.2',
  RtPlan: '1.2.840.10008.5.1.4.1.1.481.5',
  Segmentation: '1.2.840.10008.5.1.4.1.1.66.4',
} as const;

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
