import type { AreaIndex } from '../domain/area-index';
import type { WalkData } from '../domain/walks/types';
import type { FormatContext } from '../io/format';
import { walkFormat } from '../io/formats';
import { downloadText } from './download';
import { useT } from './use-t';
import { CATEGORY_LABEL, PRIORITY_LABEL, RESPONSIBLE_LABEL, STATUS_LABEL } from './walk-labels';

/** Export of the given records as GeoJSON (everything), CSV (findings) and Open311 (public findings). */
export function ExportButtons({ data, index, name = 'trygghetsvandringar', walkOnly = false, onFullExport }: {
  data: WalkData; index: AreaIndex; name?: string; walkOnly?: boolean; onFullExport?(): void;
}) {
  const t = useT();
  const context: FormatContext = {
    areaName: (kind, id) => index.find(kind, id)?.properties.name,
    label: (kind, value) => {
      const table = kind === 'category' ? CATEGORY_LABEL : kind === 'status' ? STATUS_LABEL : kind === 'priority' ? PRIORITY_LABEL : kind === 'responsible' ? RESPONSIBLE_LABEL : null;
      const key = table ? (table as Record<string, Parameters<typeof t>[0]>)[value] : undefined;
      return key ? t(key) : undefined;
    },
  };
  const save = (formatId: string, records: WalkData) => {
    const format = walkFormat(formatId)!;
    downloadText(format.export(records, context), `${name}.${format.extension}`, format.mime);
  };
  const publicOnly: WalkData = { walks: data.walks, findings: data.findings.filter((f) => f.public) };
  return (
    <div className="actions">
      <button type="button" className="secondary" onClick={() => { save('geojson', data); if (!walkOnly) onFullExport?.(); }}>{walkOnly ? t('exportWalk') : t('exportGeojson')}</button>
      <button type="button" className="secondary" onClick={() => save('csv', data)}>{t('exportFindingsCsv')}</button>
      <button type="button" className="secondary" onClick={() => save('open311', publicOnly)}>{t('exportOpen311')}</button>
    </div>
  );
}
