/** What a PACS answers to queries, as typed rows (the same for DICOMweb and DIMSE). */

/** Study-level keys; * and ? wildcards where DICOM allows; studyDate YYYYMMDD or a range A-B. */
export interface StudyQuery {
  patientName?: string;
  patientId?: string;
  studyDate?: string;
  modality?: string;
  accession?: string;
  studyInstanceUID?: string;
}

export interface StudyRow {
  studyInstanceUID: string;
  patientName: string;
  patientId: string;
  studyDate: string;
  studyDescription: string;
  modalities: string[];
  series?: number;
  instances?: number;
}

export interface SeriesRow {
  seriesInstanceUID: string;
  modality: string;
  seriesNumber: number | null;
  seriesDescription: string;
  instances?: number;
}

export interface InstanceRow {
  seriesInstanceUID: string;
  sopInstanceUID: string;
}
