import { useEffect, useState } from 'react';
import type { AreaIndex } from '../domain/area-index';
import { appStore, useApp } from '../state/store';
import { ensureReports, useModeration } from '../state/moderation';
import { protocolReportRows } from '../domain/report-stops';
import { MOD_STATUS_LABEL } from './moderation-labels';
import { PlaceNames } from './FindingDetails';
import { useT } from './use-t';
import { CATEGORY_LABEL, PRIORITY_LABEL, RESPONSIBLE_LABEL, STATUS_LABEL } from './walk-labels';

/**
 * The printable protocol of a walk (only this prints, see the print stylesheet): the walk, a map
 * image of its route and findings, and a table of findings with responsible party and status.
 * Printing starts once the map image is there; afterwards the protocol closes.
 */
export function Protocol({ index }: { index: AreaIndex }) {
  const t = useT();
  const protocol = useApp((s) => s.protocol);
  const walkData = useApp((s) => s.walkData);
  const knownReports = useModeration((s) => s.known);
  // The resident reports the walk looked at are fetched (when not known yet) before printing.
  const [reportsFor, setReportsFor] = useState<string | null>(null);
  useEffect(() => {
    const walkId = protocol?.walkId;
    if (!walkId) return;
    const { walkData: records } = appStore.getState();
    const ids = [...(records.walks.find((w) => w.id === walkId)?.reportIds ?? []),
      ...records.findings.flatMap((f) => (f.walkId === walkId && f.reportId ? [f.reportId] : []))];
    let live = true;
    void ensureReports(ids).finally(() => { if (live) setReportsFor(walkId); });
    return () => { live = false; };
  }, [protocol?.walkId]);
  const reportsReady = protocol !== null && reportsFor === protocol.walkId;
  useEffect(() => {
    if (!protocol?.image || !reportsReady) return;
    const done = () => appStore.getState().set({ protocol: null });
    window.addEventListener('afterprint', done, { once: true });
    // Give the image a frame to lay out before the print dialog takes the page.
    const timer = setTimeout(() => window.print(), 50);
    return () => { clearTimeout(timer); window.removeEventListener('afterprint', done); };
  }, [protocol?.image, reportsReady]);
  if (!protocol) return null;
  const walk = walkData.walks.find((w) => w.id === protocol.walkId);
  if (!walk) return null;
  const findings = walkData.findings.filter((f) => f.walkId === walk.id);
  const reportRows = protocolReportRows(walk, findings, new Map(Object.entries(knownReports)));
  return (
    <article className="protocol" data-testid="protocol" aria-hidden="true">
      <h1>{t('protocolHeading')}</h1>
      {walk.example && <p><strong>{t('exampleBadge')}</strong></p>}
      <p>
        <strong>{index.find(walk.area.kind, walk.area.id)?.properties.name ?? walk.area.id}</strong> · {walk.date} {walk.time}<br />
        {t('walkOrganiser')}: {walk.organiser}<br />
        {t('walkParticipants')}: {walk.participants.join(', ') || '–'}
      </p>
      {walk.notes && <p className="pre">{walk.notes}</p>}
      {protocol.image && <img src={protocol.image} alt={t('protocolMap')} />}
      <table>
        <thead>
          <tr><th>#</th><th>{t('findingCategory')}</th><th>{t('findingDescription')}</th><th>{t('findingPlace')}</th><th>{t('findingResponsible')}</th><th>{t('findingPriority')}</th><th>{t('findingStatus')}</th><th>{t('findingDeadline')}</th></tr>
        </thead>
        <tbody>
          {findings.map((f, i) => (
            <tr key={f.id}>
              <td>{i + 1}</td>
              <td>{t(CATEGORY_LABEL[f.category])}</td>
              <td className="pre">{f.description}</td>
              <td><PlaceNames place={f} index={index} /></td>
              <td>{t(RESPONSIBLE_LABEL[f.responsible.kind])}{f.responsible.name ? `: ${f.responsible.name}` : ''}</td>
              <td>{t(PRIORITY_LABEL[f.priority])}</td>
              <td>{t(STATUS_LABEL[f.status])}</td>
              <td>{f.deadline ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {reportRows.length > 0 && <>
        <h2>{t('modProtocolHeading')}</h2>
        <table data-testid="protocol-reports">
          <thead><tr><th>{t('modProtocolCategory')}</th><th>{t('modProtocolText')}</th><th>{t('modProtocolStop')}</th><th>{t('modProtocolOutcome')}</th></tr></thead>
          <tbody>
            {reportRows.map((r) => (
              <tr key={r.reportId}>
                <td>{r.category ? t(CATEGORY_LABEL[r.category]) : '–'}</td>
                <td className="pre">{r.text ?? t('modUnknownReport', { id: r.reportId.slice(0, 8) })}</td>
                <td>{r.stop ? '✓' : '–'}</td>
                <td>{r.findingNumber !== null ? t('modProtocolFinding', { n: r.findingNumber }) : r.status ? t(MOD_STATUS_LABEL[r.status]) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>}
    </article>
  );
}
