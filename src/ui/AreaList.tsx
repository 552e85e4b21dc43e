import type { AreaIndex } from '../domain/area-index';
import { appStore, useApp } from '../state/store';
import { useT } from './use-t';

/** Districts with their priority areas; each is a button, so the list works by keyboard. */
export function AreaList({ index }: { index: AreaIndex }) {
  const t = useT();
  const selection = useApp((s) => s.selection);
  const choose = (kind: 'district' | 'priorityArea', id: string) => appStore.getState().select({ kind, id }, { focus: true });
  const isSelected = (kind: string, id: string) => selection?.kind === kind && selection.id === id;
  return (
    <nav className="area-list" aria-labelledby="area-list-heading">
      <h2 id="area-list-heading">{t('listHeading')}</h2>
      <p className="hint">{t('listIntro')}</p>
      <ul>
        {index.districts.map((d) => {
          const areas = index.priorityAreasOf(d.properties.id);
          return (
            <li key={d.properties.id}>
              <button
                type="button"
                className="district-button"
                aria-current={isSelected('district', d.properties.id) ? 'true' : undefined}
                onClick={() => choose('district', d.properties.id)}
              >
                <span className="name">{d.properties.name}</span>
                <span className="count">
                  {areas.length === 0 ? t('noPriorityAreaShort') : areas.length === 1 ? t('priorityAreaCountOne') : t('priorityAreaCount', { n: areas.length })}
                </span>
              </button>
              {areas.length > 0 && (
                <ul>
                  {areas.map((a) => (
                    <li key={a.properties.id}>
                      <button
                        type="button"
                        className="area-button"
                        data-area-id={a.properties.id}
                        aria-current={isSelected('priorityArea', a.properties.id) ? 'true' : undefined}
                        onClick={() => choose('priorityArea', a.properties.id)}
                      >
                        {a.properties.name}
                        {a.properties.approximate && <span className="badge">{t('approximateBadge')}</span>}
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
