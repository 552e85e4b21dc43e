import { lazy, Suspense, useId, useRef, useState } from 'react';
import type { AreaIndex } from '../domain/area-index';
import { PROBLEM_CODES, type Problem } from '../domain/walks/problems';
import type { Walk } from '../domain/walks/types';
import { readForeignGeoJson, type ForeignFile } from '../io/foreign-geojson';
import { importProblemLines } from '../io/import-messages';
import { exampleRecords } from '../domain/walks/walk-subset';
import { appStore, useApp } from '../state/store';
import { areaLookup, importWalkFile, loadExample, removeExamples, saveWalkForm } from '../state/walk-actions';
import { ExportButtons } from './ExportButtons';
import { ForeignImport } from './ForeignImport';
import { lastFullExport, markFullExport, notExported } from '../state/export-marker';
import { useT } from './use-t';
import { WalkForm } from './WalkForm';
import { SessionPanel } from './SessionPanel';
import { usePermissions } from './permissions';
import { StatusChip } from './StatusChip';
import { CATEGORY_LABEL } from './walk-labels';

// Administration is for a handful of accounts: its code loads only for them.
const AdminPanel = lazy(() => import('./AdminPanel').then((m) => ({ default: m.AdminPanel })));

/** The priority area (else the stadsdel) at the centre of the map: where a new walk most likely is. */
function areaAtMapCentre(): Walk['area'] | undefined {
  const centre = appStore.getState().view?.center;
  const place = centre ? areaLookup()?.locate(centre) : undefined;
  if (place?.priorityAreaIds.length) return { kind: 'priorityArea', id: place.priorityAreaIds[place.priorityAreaIds.length - 1]! };
  return place?.stadsdelId ? { kind: 'stadsdel', id: place.stadsdelId } : undefined;
}

/** A problem with a code (as import returns them); other failures (storage) carry only a message. */
const isCodedProblem = (p: object): p is Problem =>
  'code' in p && (PROBLEM_CODES as readonly unknown[]).includes((p as { code: unknown }).code);

/** The walks by area and date, a new walk, export and import, and the example walk. */
export function WalksTab({ index }: { index: AreaIndex }) {
  const t = useT();
  const id = useId();
  const walkData = useApp((s) => s.walkData);
  const storage = useApp((s) => s.walkStorage);
  const onServer = useApp((s) => s.serverSession !== null);
  const isAdmin = useApp((s) => s.serverSession?.account?.role === 'admin');
  const organisation = useApp((s) => s.serverSession?.organisation ?? null);
  const notSent = new Set(useApp((s) => s.sync?.pendingWalkIds) ?? []);
  const can = usePermissions(index);
  const walkForm = useApp((s) => s.walkForm);
  const selection = useApp((s) => s.selection);
  const [importResult, setImportResult] = useState<{ ok: boolean; text: string; problems: string[] } | null>(null);
  const [foreign, setForeign] = useState<{ key: number; file: ForeignFile } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [exportedAt, setExportedAt] = useState(lastFullExport);
  const pending = notExported(walkData, exportedAt);
  const pendingCount = pending.walks.size + pending.findings.size;
  const pendingWalks = new Set(pending.walks);
  const findingsPerWalk = new Map<string, number>();
  for (const f of walkData.findings) {
    if (!f.walkId) continue;
    findingsPerWalk.set(f.walkId, (findingsPerWalk.get(f.walkId) ?? 0) + 1);
    if (pending.findings.has(f.id)) pendingWalks.add(f.walkId);
  }
  const set = appStore.getState().set;

  const areaName = (w: Walk) => index.find(w.area.kind, w.area.id)?.properties.name ?? w.area.id;
  const byArea = new Map<string, Walk[]>();
  for (const w of [...walkData.walks].sort((a, b) => `${b.date}${b.time}`.localeCompare(`${a.date}${a.time}`))) {
    byArea.set(areaName(w), [...(byArea.get(areaName(w)) ?? []), w]);
  }
  const defaultArea = selection && (selection.kind === 'priorityArea' || selection.kind === 'stadsdel')
    ? { kind: selection.kind, id: selection.id } : areaAtMapCentre();
  const hasExamples = exampleRecords(walkData).walks.length + exampleRecords(walkData).findings.length > 0;

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setForeign(null);
    if (file.size > 20 * 1024 * 1024) {
      setImportResult({ ok: false, text: t('importTooBig'), problems: [] });
      return;
    }
    const text = await file.text();
    const result = await importWalkFile(text);
    if (fileInput.current) fileInput.current.value = '';
    if (result.ok) {
      setImportResult({ ok: true, text: t('importOk', { added: result.added, updated: result.updated, unchanged: result.unchanged, kept: result.kept }), problems: [] });
      return;
    }
    const coded = result.problems.filter(isCodedProblem);
    // A file from another tool is not refused: it is previewed for mapping to findings.
    if (coded.some((p) => p.code === 'foreign_geojson')) {
      const read = readForeignGeoJson(text);
      if (read.ok) {
        setImportResult(null);
        setForeign({ key: Date.now(), file: read.value });
        return;
      }
    }
    const lines = [...importProblemLines(coded, t, Infinity), ...result.problems.filter((p) => !isCodedProblem(p)).map((p) => p.message)];
    setImportResult({ ok: false, text: t('importFailed', { n: lines.length }), problems: lines.length > 50 ? [...lines.slice(0, 49), t('importMore', { n: lines.length - 49 })] : lines });
  };

  return (
    <div className="walks-tab">
      <h2>{t('walksHeading')}</h2>
      {pendingCount > 0 && !onServer && <p className="banner warn" data-testid="not-exported">{t('notExported', { n: pendingCount })}</p>}
      {storage.status === 'ready' && <SessionPanel />}
      {isAdmin && <Suspense fallback={null}><AdminPanel index={index} /></Suspense>}
      {!can.canCreateWalk ? null : walkForm === 'new'
        ? <WalkForm walk={null} index={index} defaultArea={defaultArea} onSave={(input) => void saveWalkForm(null, input).then((w) => w && appStore.getState().select({ kind: 'walk', id: w.id }, { focus: true }))} onCancel={() => set({ walkForm: null })} />
        : <button type="button" className="primary" onClick={() => set({ walkForm: 'new' })}>{t('newWalk')}</button>}
      {walkData.walks.length === 0 && can.canCreateWalk && <p>{t('walkListEmpty')}</p>}
      {!can.local && !can.canCreateWalk && <FindingList index={index} heading={organisation ? t('assignedFindingsHeading', { organisation: organisation.name }) : t('publicFindingsHeading')}
        note={organisation ? t('assignedFindingsNote') : t('publicFindingsNote')} />}
      {[...byArea].map(([name, walks]) => (
        <section key={name}>
          <h3>{name}</h3>
          {walks.map((w) => {
            const count = findingsPerWalk.get(w.id) ?? 0;
            return (
              <div className="walk-item" key={w.id}>
                <button type="button" data-walk-id={w.id} aria-current={selection?.kind === 'walk' && selection.id === w.id ? 'true' : undefined}
                  onClick={() => appStore.getState().select({ kind: 'walk', id: w.id }, { focus: true })}>
                  <strong>{w.date} {w.time}</strong> · {w.organiser} · {t('walkFindings', { n: count })}
                  {w.example && <> <span className="example-badge">{t('exampleBadge')}</span></>}
                  {pendingWalks.has(w.id) && !onServer && <> <span className="pending-badge">{t('notExportedBadge')}</span></>}
                  {notSent.has(w.id) && <> <span className="pending-badge">{t('notSentBadge')}</span></>}
                </button>
              </div>
            );
          })}
        </section>
      ))}

      {/* The public's copy holds only the public part of findings (placeholders for the rest): nothing to export. */}
      {(can.canImport || onServer && organisation !== null) && <>
        <h3 id={`${id}-io`}>{can.canImport ? t('exportHeading') : t('exportOnlyHeading')}</h3>
        <ExportButtons data={walkData} index={index} onFullExport={() => { const now = new Date().toISOString(); markFullExport(now); setExportedAt(now); }} />
      </>}
      {can.canImport && <div className="field">
        <label htmlFor={`${id}-import`}>{t('importGeojson')}</label>
        <input ref={fileInput} id={`${id}-import`} type="file" accept=".geojson,.json,application/geo+json,application/json" onChange={(e) => void importFile(e.target.files?.[0])} />
      </div>}
      {foreign && (
        <ForeignImport key={foreign.key} file={foreign.file} walks={walkData.walks}
          onDone={(text) => { setForeign(null); setImportResult({ ok: true, text, problems: [] }); }}
          onCancel={() => setForeign(null)} />
      )}
      {importResult && (
        <div className={`banner ${importResult.ok ? 'info' : 'warn'}`} role={importResult.ok ? 'status' : 'alert'} data-testid="import-result">
          <p>{importResult.text}</p>
          {importResult.problems.length > 0 && <ul>{importResult.problems.map((p) => <li key={p}>{p}</li>)}</ul>}
        </div>
      )}
      {can.canImport && <>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => void loadExample(import.meta.env.BASE_URL)}>{t('exampleLoad')}</button>
          {hasExamples && <button type="button" className="secondary" onClick={() => void removeExamples()}>{t('exampleRemove')}</button>}
        </div>
        <p className="hint">{t('exampleNote')}</p>
      </>}
    </div>
  );
}

/**
 * The findings of a viewer who keeps no walks (the public, a responsible party): newest change
 * first, each with its status, category and the start of its description; choosing one opens it.
 */
function FindingList({ index, heading, note }: { index: AreaIndex; heading: string; note: string }) {
  const t = useT();
  const id = useId();
  const findings = useApp((s) => s.walkData.findings);
  const selection = useApp((s) => s.selection);
  const sorted = [...findings].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const place = (stadsdelId: string | null) => (stadsdelId ? index.stadsdel(stadsdelId)?.properties.name : undefined);
  return (
    <section aria-labelledby={`${id}-h`} data-testid="finding-list">
      <h3 id={`${id}-h`}>{heading}</h3>
      <p className="hint">{note}</p>
      {sorted.length === 0 ? <p>{t('findingListEmpty')}</p> : (
        <ul className="finding-list">
          {sorted.map((f) => (
            <li key={f.id} className="finding-item">
              <button type="button" data-finding-id={f.id} aria-current={selection?.kind === 'finding' && selection.id === f.id ? 'true' : undefined}
                onClick={() => appStore.getState().select({ kind: 'finding', id: f.id }, { focus: true })}>
                <span className="finding-list-head"><StatusChip status={f.status} /> <strong>{t(CATEGORY_LABEL[f.category])}</strong>{place(f.stadsdelId) && <> · {place(f.stadsdelId)}</>}</span>
                <span className="meta">{f.description.length > 90 ? `${f.description.slice(0, 89)}…` : f.description}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
