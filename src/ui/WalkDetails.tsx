import * as turf from '@turf/turf';
import type { AreaIndex } from '../domain/area-index';
import { walkSubset } from '../domain/walks/walk-subset';
import { formatNumber } from '../i18n/strings';
import { appStore, useApp } from '../state/store';
import { deleteWalk, saveRoute, saveWalkForm } from '../state/walk-actions';
import { ExportButtons } from './ExportButtons';
import { StatusChip } from './StatusChip';
import { DetailsPanel } from './DetailsPanel';
import { useT } from './use-t';
import { CATEGORY_LABEL } from './walk-labels';
import { WalkForm } from './WalkForm';
import { usePermissions } from './permissions';
import { WalkReportStops } from './WalkReportStops';
import { OfflineArea } from './OfflineArea';

/** One walk: its facts, route tools, findings, pinning, protocol and export. */
export function WalkDetails({ walkId, index }: { walkId: string; index: AreaIndex }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const walkData = useApp((s) => s.walkData);
  const walkForm = useApp((s) => s.walkForm);
  const mapMode = useApp((s) => s.mapMode);
  const pinWalkId = useApp((s) => s.pinWalkId);
  const can = usePermissions(index);
  const notSent = useApp((s) => s.sync?.pendingFindingIds);
  const walk = walkData.walks.find((w) => w.id === walkId);
  if (!walk) return null;
  const set = appStore.getState().set;
  const findings = walkData.findings.filter((f) => f.walkId === walk.id);
  const area = index.find(walk.area.kind, walk.area.id);
  const km = walk.route ? turf.length(turf.lineString(walk.route), { units: 'kilometers' }) : 0;

  return (
    <DetailsPanel kind={t('kindWalk')} title={<>{area?.properties.name ?? walk.area.id} · {walk.date} {walk.time}</>}>
      {walk.example && <p><span className="example-badge">{t('exampleBadge')}</span></p>}
      {walkForm === walk.id ? (
        <WalkForm walk={walk} index={index} onSave={(input) => void saveWalkForm(walk, input)} onCancel={() => set({ walkForm: null })} />
      ) : (
        <>
          <dl>
            <dt>{t('walkOrganiser')}</dt><dd>{walk.organiser}</dd>
            <dt>{t('walkParticipants')}</dt><dd>{walk.participants.join(', ') || '–'}</dd>
            {walk.notes && <><dt>{t('walkNotes')}</dt><dd className="pre">{walk.notes}</dd></>}
            <dt>{t('walkRoute')}</dt><dd>{walk.route ? t('routeLength', { km: formatNumber(lang, km, 2) }) : t('routeNone')}</dd>
          </dl>
          {can.walk(walk) && <div className="actions">
            <button type="button" className="secondary" onClick={() => set({ walkForm: walk.id })}>{t('editWalk')}</button>
            <button type="button" className="secondary" onClick={() => set({ mapMode: 'draw-route', routeDraft: { walkId: walk.id, route: walk.route ?? [] } })}>
              {walk.route ? t('editRoute') : t('drawRoute')}
            </button>
            {walk.route && <button type="button" className="secondary" onClick={() => void saveRoute(walk, null)}>{t('removeRoute')}</button>}
            <button type="button" className="secondary" onClick={() => void deleteWalk(walk)}>{t('delete')}</button>
          </div>}
        </>
      )}
      <WalkReportStops walk={walk} editable={can.walk(walk)} />
      <h3>{t('walkFindings', { n: findings.length })}</h3>
      <div className="actions">
        {!can.walk(walk) ? null : mapMode === 'pin' && pinWalkId === walk.id
          ? <button type="button" className="secondary" onClick={() => set({ mapMode: 'browse' })}>{t('stopPinning')}</button>
          : <button type="button" className="primary" onClick={() => set({ mapMode: 'pin', pinWalkId: walk.id, routeDraft: null })}>{t('pinFinding')}</button>}
        <button type="button" className="secondary" onClick={() => set({ protocol: { walkId: walk.id, image: null } })}>{t('printProtocol')}</button>
      </div>
      <ul className="plain">
        {findings.map((f) => (
          <li key={f.id} className="finding-item">
            <button type="button" onClick={() => appStore.getState().select({ kind: 'finding', id: f.id }, { focus: true })}>
              <StatusChip status={f.status} /> {t(CATEGORY_LABEL[f.category])}: {f.description}
              {notSent?.includes(f.id) && <> <span className="pending-badge">{t('notSentBadge')}</span></>}
            </button>
          </li>
        ))}
      </ul>
      <ExportButtons data={walkSubset(walkData, walk.id)} index={index} name={`trygghetsvandring-${walk.date}`} walkOnly />
      <OfflineArea walk={walk} index={index} />
    </DetailsPanel>
  );
}
