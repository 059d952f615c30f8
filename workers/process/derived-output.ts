/**
 * What a job that makes something from patient data returns: the object's kind, a title, a small JSON summary for
 * lists and charts, and the payload files it wrote into the output folder the main side gave it.
 */
export interface DerivedFileOut {
  /** File name inside the job's output folder: letters, digits, '.', '_' and '-' only. */
  name: string;
  mediaType: string;
}

export interface DerivedOutput<S = unknown> {
  kind: string;
  title: string;
  summary: S;
  files: DerivedFileOut[];
}

export const DERIVED_FILE_NAME = /^[A-Za-z0-9._-]{1,100}$/;
