/**
 * Provenance of a result the workstation sends to the EHR: which software made it (a Device named by version), from
 * which inputs, in which job. Ids are derived from stable keys (stableId), so exporting the same result twice
 * updates the same resources instead of adding copies.
 */
import { createHash } from 'node:crypto';
import type { Device, Provenance, Reference, Resource } from '@medplum/fhirtypes';

export interface SoftwareInfo {
  name: string;
  version: string;
}

/** The job that produced a result (the store's jobs table). */
export interface JobInfo {
  id: string;
  kind: string;
  finishedAt?: string;
  /** Learned models (native-models) whose estimates went into the result, e.g. KBP-proposed plan objectives. */
  models?: SoftwareInfo[];
}

/** The extension that carries the workstation's job id on a Provenance (FHIR R4 Provenance has no identifier). */
export const JOB_ID_EXTENSION = 'urn:twin-workstation:fhir:extension:job-id';
export const DEVICE_IDENTIFIER_SYSTEM = 'urn:twin-workstation:software';

/** A UUID-shaped id from a hash of the parts: the same result always maps to the same FHIR id. */
export function stableId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function reference<T extends Resource>(resource: T & { id: string }, display?: string): Reference<T> {
  return { reference: `${resource.resourceType}/${resource.id}`, ...(display ? { display } : {}) };
}

export function softwareDevice(software: SoftwareInfo): Device & { id: string } {
  return {
    resourceType: 'Device',
    id: stableId('device', software.name, software.version),
    identifier: [{ system: DEVICE_IDENTIFIER_SYSTEM, value: `${software.name}@${software.version}` }],
    status: 'active',
    deviceName: [{ name: software.name, type: 'manufacturer-name' }],
    type: { text: 'Clinical decision support software (patient digital twin)' },
    version: [{ value: software.version }],
  };
}

/** A learned model as a Device, named "NAME vVERSION" so a reader of the record sees which estimate was used. */
export function modelDevice(model: SoftwareInfo): Device & { id: string } {
  return {
    ...softwareDevice(model),
    id: stableId('model', model.name, model.version),
    deviceName: [{ name: `${model.name} v${model.version}`, type: 'model-name' }],
    type: { text: 'Learned model (native-models, onnxruntime): its outputs are estimates' },
  };
}

/** `models`: Devices of the learned models the result used; each becomes a source entity and an informant agent. */
export function provenanceFor(
  targets: (Resource & { id: string })[],
  device: Device & { id: string },
  inputs: Reference[],
  job: JobInfo,
  models: (Device & { id: string })[] = [],
): Provenance & { id: string } {
  const modelRefs = models.map((m) => reference(m, m.deviceName?.[0]?.name));
  return {
    resourceType: 'Provenance',
    id: stableId('provenance', job.id, ...targets.map((t) => `${t.resourceType}/${t.id}`)),
    target: targets.map((t) => reference(t)),
    recorded: job.finishedAt ?? new Date().toISOString(),
    activity: { text: `${job.kind} (job ${job.id})` },
    agent: [
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'assembler', display: 'Assembler' }] },
        who: reference(device, device.deviceName?.[0]?.name),
      },
      ...modelRefs.map((who) => ({
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/provenance-participant-type', code: 'informant', display: 'Informant' }] },
        who,
      })),
    ],
    entity: [...inputs, ...modelRefs].map((what) => ({ role: 'source' as const, what })),
    extension: [{ url: JOB_ID_EXTENSION, valueString: job.id }],
  };
}
