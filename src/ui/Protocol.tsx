import { useEffect, useState } from 'react';
import type { AreaIndex } from '../domain/area-index';
import { appStore, useApp } from '../state/store';
import { ensureReports, useModeration } from '../state/moderation';
import { protocolReportRows } from '../domain/report-stops';
import { MOD_STATUS_LABEL } from './moderation-labels';
import type { FindingPlace } from '../domain/walks/types';
import { stockholmDateTimeText } from '../domain/walks/stockholm-time';
import { statusColours } from '../map/layers/palette';
import { useT } from './use-t';
import './protocol.css';
import { CATEGORY_LABEL, PRIORITY_LABEL, RESPONSIBLE_LABEL, STATUS_LABEL } from './walk-labels';

/** Where a finding lies, briefly: its priority areas, or its stadsdel when it is in none. */
function placeShort(place: FindingPlace, index: AreaIndex): string {
  if (place.priorityAreaIds.length > 0) return place.priorityAreaIds.map((id) => index.priorityArea(id)?.properties.name ?? id).join(', ');
  if (place.stadsdelId) return index.stadsdel(place.stadsdelId)?.properties.name ?? place.stadsdelId;
  return '–';
}

/**
 * The printable protocol of a walk (only this prints, see the print stylesheet, on A4 with
 * margins and page numbers): the walk and when it was printed, a map of its route and findings
 * with the streets under it and each finding numbered as its row in the table, and the table of
 * findings with responsible party and status. Printing starts once the map image is there;
 * afterwards the protocol closes.
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
  // When it was printed, at the top and at the foot of every page (the page's margin reads it).
  const [printedAt] = useState(() => new Date().toISOString());
  const printed = t('protocolPrinted', { date: stockholmDateTimeText(printedAt) });
  useEffect(() => {
    const root = document.documentElement.style;
    root.setProperty('--omr-printed', JSON.stringify(printed));
    return () => { root.removeProperty('--omr-printed'); };
  }, [printed]);
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
  const credits = [
    t('protocolCreditAreas'),
    ...(protocol.mapStreets === 'own' ? [t('protocolCreditOwnStreets')] : []),
    ...(protocol.mapStreets === 'online' && protocol.mapCredit ? [t('protocolCreditOnline', { credit: protocol.mapCredit })] : []),
  ];
  return (
    <article className="protocol" data-testid="protocol" aria-hidden="true">
      <p className="protocol-printed" data-testid="protocol-printed">{printed}</p>
      <h1>{t('protocolHeading')}</h1>
      {walk.example && <p><strong>{t('exampleBadge')}</strong></p>}
      <p>
        <strong>{index.find(walk.area.kind, walk.area.id)?.properties.name ?? walk.area.id}</strong> · {walk.date} {walk.time}<br />
        {t('walkOrganiser')}: {walk.organiser}<br />
        {t('walkParticipants')}: {walk.participants.join(', ') || '–'}
      </p>
      {walk.notes && <p className="pre">{walk.notes}</p>}
      {protocol.image && (
        <figure className="protocol-map">
          <img src={protocol.image} alt={t('protocolMap')} />
          <figcaption>{findings.length > 0 && <>{t('protocolMapNumbers')} </>}{credits.join('; ')}.</figcaption>
        </figure>
      )}
      <table className="protocol-findings">
        <thead>
          <tr><th>#</th><th>{t('findingCategory')}</th><th>{t('findingDescription')}</th><th>{t('findingPlace')}</th><th>{t('findingResponsible')}</th><th>{t('findingPriority')}</th><th>{t('findingStatus')}</th><th>{t('findingDeadline')}</th></tr>
        </thead>
        <tbody>
          {findings.map((f, i) => (
            <tr key={f.id}>
              <td className="protocol-number"><span style={{ borderColor: statusColours[f.status] }}>{i + 1}</span></td>
              <td>{t(CATEGORY_LABEL[f.category])}</td>
              <td className="pre">{f.description}</td>
              <td>{placeShort(f, index)}</td>
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
