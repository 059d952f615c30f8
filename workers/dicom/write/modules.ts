/**
 * The information-entity modules that every IOD we write shares (PS3.3 C.7): patient, study, series, frame of
 * reference, equipment and SOP common. Each returns the attributes of that module as a naturalised dataset
 * fragment; an IOD builder spreads the fragments it needs. Type 2 attributes are written empty when unknown,
 * as the standard requires, rather than left out.
 */
import type { DicomDataset } from './part10';
import { dicomDate, dicomTime, formatIs } from './values';

export interface PatientInfo {
  /** PN, e.g. "Demo^Thorax". */
  name: string;
  id: string;
  /** DA (YYYYMMDD) or undefined when unknown. */
  birthDate?: string;
  sex?: 'M' | 'F' | 'O';
}

export interface StudyInfo {
  studyInstanceUid: string;
  /** When the study took place (written as StudyDate/StudyTime, UTC). */
  dateTime: Date;
  id: string;
  description?: string;
  accessionNumber?: string;
  referringPhysicianName?: string;
}

export interface SeriesInfo {
  seriesInstanceUid: string;
  modality: string;
  number: number;
  description?: string;
  /** Patient Position (C.7.3.1), e.g. HFS; required for CT and MR images. */
  patientPosition?: string;
  /**
   * PS3.16 Annex L term, e.g. CHEST. Naming an unpaired body part also tells validators why Laterality (type 2C,
   * required for paired parts) is absent.
   */
  bodyPartExamined?: string;
}

export interface EquipmentInfo {
  manufacturer: string;
  modelName?: string;
  softwareVersions?: string;
  institutionName?: string;
}

/** C.7.1.1 Patient Module. */
export function patientModule(p: PatientInfo): DicomDataset {
  return { PatientName: p.name, PatientID: p.id, PatientBirthDate: p.birthDate ?? '', PatientSex: p.sex ?? '' };
}

/** C.7.2.1 General Study Module. */
export function generalStudyModule(s: StudyInfo): DicomDataset {
  return {
    StudyInstanceUID: s.studyInstanceUid,
    StudyDate: dicomDate(s.dateTime),
    StudyTime: dicomTime(s.dateTime),
    ReferringPhysicianName: s.referringPhysicianName ?? '',
    StudyID: s.id,
    AccessionNumber: s.accessionNumber ?? '',
    StudyDescription: s.description,
  };
}

/** C.7.3.1 General Series Module, and the series attributes of the RT Series Module (C.8.8.1). */
export function seriesModule(s: SeriesInfo): DicomDataset {
  return {
    Modality: s.modality,
    SeriesInstanceUID: s.seriesInstanceUid,
    SeriesNumber: formatIs(s.number),
    SeriesDescription: s.description,
    PatientPosition: s.patientPosition,
    BodyPartExamined: s.bodyPartExamined,
  };
}

/** C.7.4.1 Frame of Reference Module. */
export function frameOfReferenceModule(frameOfReferenceUid: string): DicomDataset {
  return { FrameOfReferenceUID: frameOfReferenceUid, PositionReferenceIndicator: '' };
}

/** C.7.5.1 General Equipment Module. */
export function equipmentModule(e: EquipmentInfo): DicomDataset {
  return {
    Manufacturer: e.manufacturer,
    InstitutionName: e.institutionName,
    ManufacturerModelName: e.modelName,
    SoftwareVersions: e.softwareVersions,
  };
}

/** C.12.1 SOP Common Module. ISO_IR 192 (UTF-8) lets names carry any character. */
export function sopCommonModule(sopClassUid: string, sopInstanceUid: string, created?: Date): DicomDataset {
  return {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: sopClassUid,
    SOPInstanceUID: sopInstanceUid,
    InstanceCreationDate: created ? dicomDate(created) : undefined,
    InstanceCreationTime: created ? dicomTime(created) : undefined,
  };
}
