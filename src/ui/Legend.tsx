import { useMemo, useState } from 'react';
import { THEME_FAMILIES } from '../domain/theme-family';
import { FAMILY_LABEL } from '../i18n/strings';
import { choroplethColours, familyColours, palette, statusColours } from '../map/layers/palette';
import { FINDING_STATUSES } from '../domain/walks/types';
import { STATUS_LABEL } from './walk-labels';
import { LOV3_COLOUR, SITE_COLOUR } from '../map/layers/sites';
import { programmeView, summarise } from '../state/derived';
import { useApp } from '../state/store';
import { mayModerate, useModeration } from '../state/moderation';
import { REPORT_COLOUR } from '../map/layers/reports';
import { streetColours } from '../map/layers/streets';
import { useMapStreets } from '../state/map-streets';
import { useT } from './use-t';

/** Explains the map's layers with the colours the layers use, and the choropleth classes when shown. */
export function Legend() {
  const t = useT();
  // Open only where the map is large enough that the legend leaves most of it free.
  const [narrow] = useState(() => !(window.matchMedia?.('(min-width: 1200px) and (min-height: 950px)').matches ?? false));
  const data = useApp((s) => s.data);
  const filter = useApp((s) => s.filter);
  const choropleth = useApp((s) => s.choropleth);
  const metric = useApp((s) => s.metric);
  const hasFindings = useApp((s) => s.walkData.findings.length > 0);
  const waitingReports = useModeration((s) => s.pending.length > 0);
  const moderates = useApp((s) => mayModerate(s.serverSession));
  const hasReports = waitingReports && moderates;
  // The project's street layer is explained when it is drawn (the online basemap speaks for itself).
  const ownStreets = useMapStreets((s) => s.own && s.online !== 'online');
  const breaks = useMemo(() => {
    if (!choropleth || data.status !== 'ready') return null;
    return summarise(data.bundle, programmeView(data.programme, filter).goals, choropleth, metric).breaks;
  }, [choropleth, data, filter, metric]);
  const unit = t(metric === 'goals' ? 'unitGoals' : 'unitMeasures');

  const rows: { key: Parameters<typeof t>[0]; swatch: React.CSSProperties }[] = [
    { key: 'legendDistrict', swatch: { borderTop: `3px solid ${palette.districtLine}`, height: 0 } },
    { key: 'legendStadsdel', swatch: { borderTop: `1px solid ${palette.stadsdelLine}`, height: 0 } },
    ...(choropleth ? [] : [
      { key: 'legendPriority' as const, swatch: { background: `${palette.priority}55`, border: `2px solid ${palette.priority}` } },
      { key: 'legendApproximate' as const, swatch: { background: `${palette.approximate}30`, border: `2px dashed ${palette.approximate}` } },
    ]),
    { key: 'legendSelected', swatch: { border: `3px solid ${palette.selected}` } },
    { key: 'legendSites', swatch: { border: `4px solid ${SITE_COLOUR}`, borderRadius: '50%', width: 16, height: 16 } },
    { key: 'legendLov3', swatch: { background: `${LOV3_COLOUR}20`, border: `2px dotted ${LOV3_COLOUR}` } },
    { key: 'legendWater', swatch: { background: palette.water } },
    ...(hasReports ? [{ key: 'modLegend' as const, swatch: { background: REPORT_COLOUR, border: '2px solid #fff', outline: `1px solid ${REPORT_COLOUR}`, width: 12, height: 12, transform: 'rotate(45deg)', margin: '0 5px' } }] : []),
  ];
  return (
    <details className="legend" open={!narrow} data-testid="legend">
      <summary>{t('legendTitle')}</summary>
      <ul>
        {rows.map((r) => (
          <li key={r.key}><span className="swatch" style={r.swatch} aria-hidden="true" />{t(r.key)}</li>
        ))}
      </ul>
      {breaks && (
        <>
          <h3>{t(metric === 'goals' ? 'choroplethHeading' : 'choroplethHeadingMeasures')}</h3>
          <ul>
            <li><span className="swatch" style={{ border: '1px solid #9aa5b1' }} aria-hidden="true" />{t('legendZero', { unit })}</li>
            {breaks.map((upper, i) => {
              const from = i === 0 ? 1 : breaks[i - 1]! + 1;
              return (
                <li key={upper}>
                  <span className="swatch" style={{ background: choroplethColours[Math.min(i, choroplethColours.length - 1)] }} aria-hidden="true" />
                  {from === upper ? t('legendClassOne', { from, unit }) : t('legendClass', { from, to: upper, unit })}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {hasFindings && (
        <>
          <h3>{t('legendFindings')}</h3>
          <ul>
            {FINDING_STATUSES.map((s) => (
              <li key={s}><span className="dot" style={{ background: statusColours[s] }} aria-hidden="true" />{t(STATUS_LABEL[s])}</li>
            ))}
            <li><span className="dot" style={{ background: '#fff', boxShadow: '0 0 0 3px #b91c1c' }} aria-hidden="true" />{t('followupOverdue')}</li>
            <li><span className="swatch" style={{ borderTop: '3px solid #1d4ed8', height: 0 }} aria-hidden="true" />{t('walkRoute')}</li>
          </ul>
        </>
      )}
      {ownStreets && (
        <>
          <h3>{t('legendStreets')}</h3>
          <ul data-testid="legend-streets">
            <li><span className="swatch" style={{ background: streetColours.road, border: `2px solid ${streetColours.casing}`, height: 9 }} aria-hidden="true" />{t('legendStreet')}</li>
            <li><span className="swatch" style={{ borderTop: `2px dashed ${streetColours.footway}`, height: 0 }} aria-hidden="true" />{t('legendFootway')}</li>
            <li><span className="swatch" style={{ borderTop: `2px dashed ${streetColours.cycleway}`, height: 0 }} aria-hidden="true" />{t('legendCycleway')}</li>
            <li><span className="swatch" style={{ borderTop: `4px dotted ${streetColours.steps}`, height: 0 }} aria-hidden="true" />{t('legendSteps')}</li>
            <li><span className="swatch" style={{ background: streetColours.building, border: `1px solid ${streetColours.buildingLine}` }} aria-hidden="true" />{t('legendBuilding')}</li>
          </ul>
        </>
      )}
      <h3>{t('legendThemes')}</h3>
      <ul>
        {THEME_FAMILIES.map((f) => (
          <li key={f}><span className="dot" style={{ background: familyColours[f] }} aria-hidden="true" />{t(FAMILY_LABEL[f])}</li>
        ))}
        <li><span className="dot cluster-dot" style={{ background: palette.cluster }} aria-hidden="true" />{t('legendCluster')}</li>
      </ul>
    </details>
  );
}
