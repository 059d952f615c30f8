/**
 * The workstation's services over one store: what every host (Electron, web, CLI) serves. Hosts stay thin: they
 * open a Workstation, pass requests to its handlers, and forward its events.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { EventName, EventOf } from '../contract/channels';
import type { JobRequest } from '../contract/jobs';
import { DicomUid, type Job } from '../contract/domain';
import type { ScanResult } from '../../workers/dicom/scan';
import type { DerivedOutput } from '../../workers/process/derived-output';
import type { PacsRetrieveResult } from '../../workers/process/kinds/pacs-retrieve';
import { withoutCredentials, type PacsConnection } from '../../workers/pacs/connection';
import { currentActor, dataLocations, defaultDataDir, type DataLocations } from './app-paths/data-locations';
import { AuditLog } from './audit/audit-log';
import { DerivedRepository } from './derived/derived-repository';
import { FhirImporter } from './fhir/fhir-import';
import { PatientLinks } from './fhir/patient-links';
import { PatientRecordReader } from './fhir/patient-record';
import { ResultExporter } from './fhir/result-export';
import { stageImagingStudies, stageResult } from './fhir/stage-results';
import { indexScan, type ImportSummary } from './imports/index-scan';
import { JobRunner } from './jobs/job-runner';
import { NodeForkLauncher, type WorkerLauncher } from './jobs/worker-launcher';
import { UploadStaging } from './imports/upload-staging';
import { ModelService } from './models/model-service';
import { ModelWorkerClient } from './models/model-worker-client';
import { PacsNodes } from './pacs/pacs-nodes';
import { PacsService } from './pacs/pacs-service';
import { PatientRepository } from './patients/patient-repository';
import { SeriesThumbnails } from './thumbnails/series-thumbnails';
import { FileSecretStore, type SecretStore } from './sync/secret-store';
import { SyncService } from './sync/sync-service';
import { openStore, type StoreDatabase } from './store/open-store';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };
export const APP_VERSION: string = pkg.version;

function summariseImport(stored: unknown): string {
  const { series, errors } = stored as ImportSummary;
  const images = series.reduce((n, s) => n + s.instances, 0);
  const skipped = errors.length ? `; ${errors.length} file${errors.length === 1 ? '' : 's'} skipped: ${errors.slice(0, 3).map((e) => `${e.file.split(/[\\/]/).pop()} (${e.reason})`).join(', ')}${errors.length > 3 ? ' …' : ''}` : '';
  return `${series.length} series, ${images} objects imported${skipped}`;
}

export interface WorkstationOptions {
  dataDir?: string;
  storeFile?: string;
  launcher?: WorkerLauncher;
  actor?: string;
  host?: 'electron' | 'web';
  /** The bundled model worker (Electron: model-worker.cjs, forked as plain Node); headless, the TypeScript entry under tsx. */
  modelWorkerEntry?: string;
  /** Where the ONNX models and their cards are (default: native-models/ of the source tree). */
  modelsDir?: string;
  /** Where sync and PACS secrets live: the Electron shell passes an OS-keychain-encrypted store; headless, a 0600 file. */
  secrets?: SecretStore;
}

type Listener = (event: EventName, payload: unknown) => void;

export class Workstation {
  readonly db: StoreDatabase;
  readonly audit: AuditLog;
  readonly actor: string;
  readonly locations: DataLocations;
  readonly jobs: JobRunner;
  readonly patients: PatientRepository;
  readonly thumbnails: SeriesThumbnails;
  readonly host: 'electron' | 'web';
  readonly uploads: UploadStaging;
  readonly derived: DerivedRepository;
  readonly sync: SyncService;
  readonly results: ResultExporter;
  readonly record: PatientRecordReader;
  readonly links: PatientLinks;
  /** Learned surrogates, run by onnxruntime-node in one long-lived worker process started on first use. */
  readonly models: ModelService;
  /** PACS nodes, echo and query; retrieval is the job pacs.retrieve (retrieveFromPacs). */
  readonly pacs: PacsService;
  private modelWorker: ModelWorkerClient | undefined;
  private readonly listeners = new Set<Listener>();

  constructor(options: WorkstationOptions = {}) {
    this.locations = dataLocations(options.dataDir ?? defaultDataDir(), options.storeFile);
    this.db = openStore(this.locations.storeFile);
    this.actor = options.actor ?? currentActor();
    this.host = options.host ?? 'web';
    this.audit = new AuditLog(this.db);
    this.patients = new PatientRepository(this.db, this.audit, this.actor);
    this.thumbnails = new SeriesThumbnails(this.locations.thumbnailsDir, this.patients);
    this.jobs = new JobRunner(this.db, options.launcher ?? new NodeForkLauncher());
    this.uploads = new UploadStaging(this.locations.uploadsDir);
    this.derived = new DerivedRepository(this.db, this.audit, this.actor);
    // One secret store for sync and PACS credentials (the same file SyncService would open by itself).
    const secrets = options.secrets ?? new FileSecretStore(path.join(this.locations.dataDir, 'secrets.json'), (m) => console.warn(`warning: ${m}`));
    this.sync = new SyncService(this.db, this.audit, this.actor, this.locations.dataDir, secrets);
    this.record = new PatientRecordReader(this.db, this.audit, this.actor);
    this.links = new PatientLinks(this.db, this.audit, this.actor);
    this.models = new ModelService((input) => (this.modelWorker ??= new ModelWorkerClient(options.modelWorkerEntry, options.modelWorkerEntry ? [] : undefined)).run(input), options.modelsDir);
    this.pacs = new PacsService(new PacsNodes(this.db, this.audit, this.actor, secrets), this.audit, this.actor);
    this.results = new ResultExporter(this.db, this.audit, this.actor, { name: 'Twin Workstation', version: APP_VERSION });
    this.jobs.onChange((job) => this.emit('jobs.changed', job));
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventOf<E>): void {
    for (const l of this.listeners) l(event, payload);
  }

  /** Starts a job that the contract allows users to start. */
  startJob(request: JobRequest): Job {
    switch (request.kind) {
      case 'demo.import':
        return this.importDemoPatient();
      case 'anatomy.segment': {
        const { series, patientKey, instances } = this.patients.seriesFiles(request.input.seriesKey);
        return this.startDerivedJob({
          kind: request.kind,
          title: `Segment ${request.input.presets.join(', ')} on ${series.description || series.modality}`,
          patientKey,
          seriesKey: series.seriesKey,
          input: { files: instances.map((i) => i.filePath), presets: request.input.presets, targetTriangles: 20_000, surfaceSpacingMm: 2 },
        });
      }
      case 'rt.plan.phantom':
        return this.startDerivedJob({
          kind: request.kind,
          title: `Plan the ${request.input.phantom} phantom`,
          patientKey: null,
          seriesKey: null,
          input: request.input,
        });
      case 'rt.plan.patient': {
        const { input } = request;
        const ct = this.patients.seriesFiles(input.ctSeriesKey);
        const rtstruct = this.patients.seriesFiles(input.rtstructSeriesKey);
        if (rtstruct.patientKey !== ct.patientKey) throw new Error('the structure set belongs to another patient than the CT');
        const patient = this.patients.get(ct.patientKey).patient;
        return this.startDerivedJob({
          kind: request.kind,
          title: `Plan ${input.target}: ${input.prescriptionGy} Gy in ${input.fractions} fractions`,
          patientKey: ct.patientKey,
          seriesKey: ct.series.seriesKey,
          input: {
            ...input,
            ctFiles: ct.instances.map((i) => i.filePath),
            rtstructFile: rtstruct.instances[0]!.filePath,
            patient: { name: patient.name, id: patient.patientId },
            studyInstanceUid: ct.studyInstanceUid,
          },
        });
      }
      case 'ep.challenge':
        return this.startDerivedJob({
          kind: request.kind,
          title: `Adrenaline challenge (${request.input.genotype}, ${request.input.dosesUgPerKgMin.join('/')} µg/kg/min)`,
          patientKey: request.input.patientKey,
          seriesKey: null,
          input: { genotype: request.input.genotype, dosesUgPerKgMin: request.input.dosesUgPerKgMin },
        });
      case 'ep.heart': {
        const { seriesInstanceUID, ...run } = request.input;
        const { series, patientKey, instances } = this.patients.seriesFiles(seriesInstanceUID);
        const p = run.protocol;
        const protocol = p.kind === 's1s4' ? `S1 ${p.s1CycleMs} ms × ${p.s1Beats}${p.couplingsMs.length ? `, S2–S4 ${p.couplingsMs.join('/')} ms` : ''}` : `burst ${p.burstCycleMs ?? 250} ms`;
        return this.startDerivedJob({
          kind: request.kind,
          title: `Heart EP (${run.genotype}, ${run.doseUgPerKgMin} µg/kg/min, ${protocol})`,
          patientKey,
          seriesKey: series.seriesKey,
          input: { ...run, files: instances.map((i) => i.filePath) },
        });
      }
      case 'pacs.retrieve':
        return this.retrieveFromPacs(request.input);
      case 'diagnostics.spin':
        return this.jobs.start({ kind: request.kind, title: `Worker self-test (${request.input.seconds} s)`, input: request.input });
      case 'diagnostics.fail':
        return this.jobs.start({ kind: request.kind, title: 'Failure-handling self-test', input: request.input });
    }
  }

  /**
   * Starts an engine job that makes a derived object: the worker writes payload files into a fresh folder and the
   * object is stored when it succeeds (the folder is its id).
   */
  startDerivedJob(spec: { kind: string; title: string; patientKey: string | null; seriesKey: string | null; input: object }): Job {
    const id = randomUUID();
    const outDir = path.join(this.locations.derivedDir, id);
    mkdirSync(outDir, { recursive: true });
    return this.jobs.start({
      kind: spec.kind,
      title: spec.title,
      input: { ...spec.input, outDir },
      onResult: (output, job) => {
        const stored = this.derived.add({ id, patientKey: spec.patientKey, seriesKey: spec.seriesKey, jobId: job.id, outDir, output: output as DerivedOutput });
        this.emit('derived.changed', { patientKey: spec.patientKey, id });
        const ehr = stageResult(this.results, stored, job);
        if ('staged' in ehr) this.announceSync();
        return { ...stored, ehr };
      },
      summarise: (stored) => {
        const { title, ehr } = stored as { title: string; ehr: ReturnType<typeof stageResult> };
        return `${title}${'staged' in ehr ? ` · queued for the EHR` : ''}`;
      },
    });
  }

  /** Imports DICOM files and folders as a job; copies into managed storage unless `copy` is false. */
  importDicom(paths: string[], copy = true, title = 'Import DICOM'): Job {
    return this.jobs.start({
      kind: 'dicom.import',
      title,
      input: { paths, copyTo: copy ? this.locations.dicomDir : null },
      onResult: (scan, job) => this.indexAndAnnounce(scan as ScanResult, job),
      summarise: summariseImport,
    });
  }

  /** Imports files the renderer uploaded (picker or drag-and-drop) and then removes the staged copies. */
  importUploaded(batchId: string, fileCount: number): Job {
    const folder = this.uploads.folder(batchId);
    return this.jobs.start({
      kind: 'dicom.import',
      title: `Import ${fileCount} file${fileCount === 1 ? '' : 's'}`,
      input: { paths: [folder], copyTo: this.locations.dicomDir },
      onResult: (result, job) => {
        const scan = result as ScanResult;
        scan.errors = scan.errors.map((e) => ({ ...e, file: this.uploads.originalName(e.file) }));
        return this.indexAndAnnounce(scan, job);
      },
      summarise: summariseImport,
      onSettled: () => this.uploads.remove(batchId),
    });
  }

  /** Imports uploaded FHIR files into the twin record, links patients whose identifiers match, and removes the copies. */
  importFhirUploaded(batchId: string): { counts: Record<string, number>; errors: string[]; linked: number } {
    const folder = this.uploads.folder(batchId);
    try {
      const files = readdirSync(folder).map((f) => path.join(folder, f));
      const result = new FhirImporter(this.db, this.audit, this.actor).importFiles(files);
      const linked = this.links.linkByIdentifier().length;
      this.emit('patients.changed', { patientKey: null });
      return {
        counts: result.counts,
        errors: result.errors.map((e) => e.replace(/\S*[/\\]files[/\\]\d+\.bin/g, (f) => this.uploads.originalName(f))),
        linked,
      };
    } finally {
      this.uploads.remove(batchId);
    }
  }

  /** Retrieves a study (or one series) from a saved PACS node as a job: see retrievePacsStudy. */
  retrieveFromPacs(input: { nodeId: string; studyInstanceUID: string; seriesInstanceUID?: string | undefined }): Job {
    const node = this.pacs.nodes.get(input.nodeId);
    return this.retrievePacsStudy(this.pacs.nodes.connection(node.id), { name: node.name, nodeId: node.id }, input);
  }

  /**
   * Retrieves a study (or one series) from a PACS as a job, into managed storage like an import. The staging folder
   * is named by the study UID and survives a failed or cancelled attempt, so a retry resumes. Credentials reach the
   * worker in memory only; the job's stored input holds the connection without them.
   */
  retrievePacsStudy(
    connection: PacsConnection,
    pacs: { name: string; nodeId: string | null },
    target: { studyInstanceUID: string; seriesInstanceUID?: string | undefined },
  ): Job {
    // The study UID names a folder that is removed afterwards: it must be a real UID, never "..".
    DicomUid.parse(target.studyInstanceUID);
    if (target.seriesInstanceUID) DicomUid.parse(target.seriesInstanceUID);
    const what = target.seriesInstanceUID ? `series ${target.seriesInstanceUID}` : `study ${target.studyInstanceUID}`;
    this.audit.record({ actor: this.actor, action: 'import', entityType: 'pacs-retrieve', entityId: pacs.nodeId, detail: `${pacs.name}: ${what}` });
    return this.jobs.start({
      kind: 'pacs.retrieve',
      title: `Retrieve ${what.length > 48 ? `${what.slice(0, 45)}…` : what} from ${pacs.name}`,
      input: {
        connection: withoutCredentials(connection),
        studyInstanceUID: target.studyInstanceUID,
        ...(target.seriesInstanceUID ? { seriesInstanceUID: target.seriesInstanceUID } : {}),
        stagingDir: path.join(this.locations.dataDir, 'pacs-staging', target.studyInstanceUID),
        copyTo: this.locations.dicomDir,
      },
      secretInput: { connection },
      onResult: (result, job) => {
        const { retrieval, ...scan } = result as PacsRetrieveResult;
        return { ...this.indexAndAnnounce(scan, job), retrieval };
      },
      summarise: summariseImport,
    });
  }

  importDemoPatient(): Job {
    return this.jobs.start({
      kind: 'demo.import',
      title: 'Import the demo patient',
      input: { outDir: this.locations.demoDir },
      onResult: (scan, job) => {
        const summary = this.indexAndAnnounce(scan as ScanResult, job);
        this.setSetting('demo.imported', true);
        return summary;
      },
      summarise: summariseImport,
    });
  }

  /** On first start (an empty store) the demo patient is imported, once. */
  importDemoOnFirstStart(): Job | null {
    if (this.getSetting('demo.imported') === true) return null;
    const patients = (this.db.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n;
    if (patients > 0) return null;
    return this.importDemoPatient();
  }

  /** Tells every window the sync state, and returns it. */
  announceSync(): ReturnType<SyncService['status']> {
    const status = this.sync.status();
    this.emit('sync.changed', status);
    return status;
  }

  getSetting(key: string): unknown {
    const row = this.db.prepare('SELECT value_json FROM settings WHERE key = ?').get(key) as { value_json: string } | undefined;
    return row ? (JSON.parse(row.value_json) as unknown) : undefined;
  }

  setSetting(key: string, value: unknown): void {
    this.db
      .prepare('INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json')
      .run(key, JSON.stringify(value));
  }

  async close(): Promise<void> {
    this.modelWorker?.close();
    await this.jobs.shutdown();
    this.db.close();
  }

  private indexAndAnnounce(scan: ScanResult, job: Job): ImportSummary {
    const summary = indexScan(this.db, this.audit, this.actor, scan);
    for (const patientKey of summary.patientKeys) this.emit('patients.changed', { patientKey });
    if (stageImagingStudies(this.results, scan.series.map((s) => s.studyInstanceUid), job) > 0) this.announceSync();
    return summary;
  }
}
