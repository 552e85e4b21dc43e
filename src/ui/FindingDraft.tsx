import { useMemo, useState } from 'react';
import type { AreaIndex } from '../domain/area-index';
import { nearbyOpenSameCategory } from '../domain/walks/duplicates';
import type { FindingCategory, LonLat } from '../domain/walks/types';
import { appStore, useApp } from '../state/store';
import { areaLookup, createFinding } from '../state/walk-actions';
import { PlaceNames } from './FindingDetails';
import { FindingForm } from './FindingForm';
import { useT } from './use-t';

/**
 * A new finding at a pinned position: where it lies, a warning when an open finding of the same
 * category is within 25 m (so the same lamp is not recorded twice), and the form.
 */
export function FindingDraft({ position, index }: { position: LonLat; index: AreaIndex }) {
  const t = useT();
  const walkData = useApp((s) => s.walkData);
  const pinWalkId = useApp((s) => s.pinWalkId);
  const [category, setCategory] = useState<FindingCategory>('belysning');
  const [ignoreDuplicates, setIgnore] = useState(false);
  const place = useMemo(() => areaLookup()?.locate(position), [position]);
  const nearby = nearbyOpenSameCategory(walkData.findings, { position, category });
  const set = appStore.getState().set;

  return (
    <section className="details" aria-labelledby="draft-heading" data-testid="finding-draft">
      <h2 id="draft-heading">{t('newFinding')}</h2>
      <dl>
        <dt>{t('findingPlace')}</dt><dd>{place ? <PlaceNames place={place} index={index} /> : '–'}</dd>
        <dt>{t('findingPosition')}</dt><dd>{position[1].toFixed(5)}, {position[0].toFixed(5)}</dd>
      </dl>
      {nearby.length > 0 && !ignoreDuplicates && (
        <div className="banner warn" role="alert" data-testid="duplicate-warning">
          <strong>{t('duplicateHeading')}</strong>
          <p>{t('duplicateText', { n: nearby.length })}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => { set({ findingDraft: null }); appStore.getState().select({ kind: 'finding', id: nearby[0]!.finding.id }, { focus: true }); }}>
              {t('duplicateOpen', { distance: Math.round(nearby[0]!.distanceM) })}
            </button>
            <button type="button" className="secondary" onClick={() => setIgnore(true)}>{t('duplicateIgnore')}</button>
          </div>
        </div>
      )}
      <FindingForm
        finding={null} walks={walkData.walks} defaultWalkId={pinWalkId}
        onCategory={(c) => { setCategory(c); setIgnore(false); }}
        onSave={(input) => void createFinding(position, input)}
        onCancel={() => set({ findingDraft: null })}
      />
    </section>
  );
}
