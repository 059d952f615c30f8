/**
 * Study search on one PACS node (C-FIND or QIDO-RS on the main side) and a Retrieve button per study, or per series
 * once a study's series are listed, which starts a `pacs.retrieve` job: the job tray shows its progress and cancel;
 * the row follows the job's state.
 */
import { Fragment, useCallback, useState, type FormEvent } from 'react';
import type { Job, PacsNode, PacsQuery, PacsSeries, PacsStudy } from '../../main/contract/domain';
import { useBridge, useEvent } from '../bridge/bridge-context';

type QueryDraft = Required<Pick<PacsQuery, 'patientName' | 'patientId' | 'studyDate' | 'modality'>>;

const EMPTY: QueryDraft = { patientName: '', patientId: '', studyDate: '', modality: '' };

/** Only the keys the user filled in; DICOM matches an absent key universally. */
function queryOf(draft: QueryDraft): PacsQuery {
  const query: PacsQuery = {};
  for (const key of Object.keys(draft) as (keyof QueryDraft)[]) {
    const value = draft[key].trim();
    if (value) query[key] = key === 'modality' ? value.toUpperCase() : value;
  }
  return query;
}

/** Retrieval jobs are keyed by study, or study and series. */
const retrievalKey = (studyUid: string, seriesUid?: string): string => (seriesUid ? `${studyUid}/${seriesUid}` : studyUid);

type SeriesList = { state: 'loading' } | { state: 'loaded'; series: PacsSeries[] } | { state: 'failed'; message: string };

/** The Retrieve button of a study or series row, and the state of the job it started. */
function RetrieveCell({ job, onRetrieve }: { job: Job | undefined; onRetrieve: () => void }) {
  const busy = job?.state === 'queued' || job?.state === 'running';
  return (
    <td className="pacs-retrieve">
      <button onClick={onRetrieve} disabled={busy} data-testid="pacs-retrieve">
        {job?.state === 'succeeded' ? 'Retrieve again' : 'Retrieve'}
      </button>
      {job && (
        <span className={`pacs-job job-${job.state}`} data-testid="pacs-retrieve-state" title={job.error ?? job.message}>
          {busy ? `${Math.round(job.progress * 100)} %` : job.state === 'failed' ? `failed: ${job.error ?? ''}` : job.state}
        </span>
      )}
    </td>
  );
}

/** YYYYMMDD as YYYY-MM-DD for reading; anything else as it is. */
const formatDate = (d: string): string => (/^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}` : d);

export function PacsSearch({ node }: { node: PacsNode }) {
  const bridge = useBridge();
  const [draft, setDraft] = useState<QueryDraft>(EMPTY);
  const [studies, setStudies] = useState<PacsStudy[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Retrieval job of each study or series started here (by retrievalKey), kept current by jobs.changed. */
  const [jobs, setJobs] = useState<Record<string, Job>>({});
  const [seriesOf, setSeriesOf] = useState<Record<string, SeriesList>>({});

  useEvent(
    'jobs.changed',
    useCallback((job: Job) => {
      setJobs((all) => {
        const key = Object.keys(all).find((k) => all[k]!.id === job.id);
        return key ? { ...all, [key]: job } : all;
      });
    }, []),
  );

  async function search(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSearching(true);
    setError(null);
    try {
      setStudies((await bridge.invoke('pacs.find', { nodeId: node.id, query: queryOf(draft) })).studies);
    } catch (err) {
      setError((err as Error).message);
      setStudies(null);
    } finally {
      setSearching(false);
    }
  }

  async function retrieve(studyInstanceUID: string, seriesInstanceUID?: string): Promise<void> {
    setError(null);
    try {
      const input = { nodeId: node.id, studyInstanceUID, ...(seriesInstanceUID ? { seriesInstanceUID } : {}) };
      const job = await bridge.invoke('jobs.start', { kind: 'pacs.retrieve', input });
      setJobs((all) => ({ ...all, [retrievalKey(studyInstanceUID, seriesInstanceUID)]: job }));
    } catch (err) {
      setError(`Retrieve failed to start: ${(err as Error).message}`);
    }
  }

  async function toggleSeries(studyInstanceUID: string): Promise<void> {
    if (seriesOf[studyInstanceUID]) {
      setSeriesOf(({ [studyInstanceUID]: _closed, ...rest }) => rest);
      return;
    }
    setSeriesOf((all) => ({ ...all, [studyInstanceUID]: { state: 'loading' } }));
    try {
      const { series } = await bridge.invoke('pacs.series', { nodeId: node.id, studyInstanceUID });
      setSeriesOf((all) => ({ ...all, [studyInstanceUID]: { state: 'loaded', series } }));
    } catch (err) {
      setSeriesOf((all) => ({ ...all, [studyInstanceUID]: { state: 'failed', message: (err as Error).message } }));
    }
  }

  const input = (label: string, key: keyof QueryDraft, placeholder: string) => (
    <label className="pacs-field">
      <span>{label}</span>
      <input value={draft[key]} placeholder={placeholder} onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))} data-testid={`pacs-query-${key}`} />
    </label>
  );

  return (
    <section className="pacs-search" aria-label={`Search ${node.name}`}>
      <form className="pacs-query" onSubmit={(e) => void search(e)}>
        {input('Patient name', 'patientName', 'DOE^J*')}
        {input('Patient ID', 'patientId', '')}
        {input('Study date', 'studyDate', 'YYYYMMDD or range A-B')}
        {input('Modality', 'modality', 'CT, MR…')}
        <button type="submit" disabled={searching} data-testid="pacs-search">
          {searching ? 'Searching…' : 'Search'}
        </button>
      </form>
      {error && (
        <p className="error" role="alert" data-testid="pacs-search-error">
          {error}
        </p>
      )}
      {studies && studies.length === 0 && <p className="muted">No studies match.</p>}
      {studies && studies.length > 0 && (
        <table className="pacs-results" data-testid="pacs-results">
          <thead>
            <tr>
              <th>Patient</th>
              <th>ID</th>
              <th>Date</th>
              <th>Description</th>
              <th>Modalities</th>
              <th>Series / images</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {studies.map((study) => {
              const uid = study.studyInstanceUID;
              const list = seriesOf[uid];
              return (
                <Fragment key={uid}>
                  <tr data-testid="pacs-study">
                    <td>{study.patientName || '(no name)'}</td>
                    <td>{study.patientId}</td>
                    <td>{formatDate(study.studyDate)}</td>
                    <td>{study.studyDescription}</td>
                    <td>{study.modalities.join(', ')}</td>
                    <td>
                      <button className="link" onClick={() => void toggleSeries(uid)} aria-expanded={Boolean(list)} data-testid="pacs-show-series">
                        {study.series ?? '?'} / {study.instances ?? '?'} {list ? '▾' : '▸'}
                      </button>
                    </td>
                    <RetrieveCell job={jobs[retrievalKey(uid)]} onRetrieve={() => void retrieve(uid)} />
                  </tr>
                  {list?.state === 'loading' && (
                    <tr className="pacs-series-row">
                      <td colSpan={7} className="muted">
                        Listing the series…
                      </td>
                    </tr>
                  )}
                  {list?.state === 'failed' && (
                    <tr className="pacs-series-row">
                      <td colSpan={7} className="error">
                        Could not list the series: {list.message}
                      </td>
                    </tr>
                  )}
                  {list?.state === 'loaded' &&
                    list.series.map((series) => (
                      <tr key={series.seriesInstanceUID} className="pacs-series-row" data-testid="pacs-series">
                        <td colSpan={3} />
                        <td>
                          {series.seriesNumber !== null ? `#${series.seriesNumber} ` : ''}
                          {series.seriesDescription || '(no description)'}
                        </td>
                        <td>{series.modality}</td>
                        <td>{series.instances ?? '?'} images</td>
                        <RetrieveCell job={jobs[retrievalKey(uid, series.seriesInstanceUID)]} onRetrieve={() => void retrieve(uid, series.seriesInstanceUID)} />
                      </tr>
                    ))}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
