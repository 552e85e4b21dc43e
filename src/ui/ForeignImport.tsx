import { Fragment, useId, useMemo, useState } from 'react';
import { FINDING_CATEGORIES, type FindingCategory, type Walk } from '../domain/walks/types';
import {
  categoryDefaults, defaultMapping, distinctValues, mapForeignFindings, valueText, type ForeignFile, type ForeignMapping,
} from '../io/foreign-geojson';
import { importProblemLines } from '../io/import-messages';
import { importMappedFindings } from '../state/walk-actions';
import { useT } from './use-t';
import { CATEGORY_LABEL } from './walk-labels';

/** Points shown in the sample table. */
const SAMPLE_ROWS = 5;
/** Distinct values offered for mapping one by one; the rest are mapped by their name. */
const MAX_VALUE_ROWS = 30;
/** Longest cell text in the sample table (the whole value is in the title). */
const CELL_MAX = 80;

const FIXED = '\u0000fixed';

/**
 * The preview of a GeoJSON file from another tool (QGIS, geojson.io …): how many points, the
 * first few with their properties, and the choices that turn them into findings: which property
 * gives the category (each of its values mapped to one of ours), which the description (or one
 * fixed text), which the responsible party, and the walk. "Importera" writes them all or none;
 * problems (features that are not usable Points, descriptions that would be empty) are listed and
 * keep the button disabled. All file text is rendered as text.
 */
export function ForeignImport({ file, walks, onDone, onCancel }: {
  file: ForeignFile;
  walks: Walk[];
  onDone(message: string): void;
  onCancel(): void;
}) {
  const t = useT();
  const id = useId();
  const [mapping, setMapping] = useState<ForeignMapping>(() => defaultMapping(file));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const update = (partial: Partial<ForeignMapping>) => setMapping((m) => ({ ...m, ...partial }));

  const values = useMemo(
    () => (mapping.categoryProperty === null ? [] : distinctValues(file.points, mapping.categoryProperty)),
    [file, mapping.categoryProperty],
  );
  const walkIds = walks.map((w) => w.id);
  // Checked with placeholder ids and time: only the problems matter until the user imports.
  const check = mapForeignFindings(file, mapping, { now: new Date(0).toISOString(), newId: () => 'preview', walkIds });
  const problems = check.ok ? [] : importProblemLines(check.errors, t);
  const sortedWalks = [...walks].sort((a, b) => `${b.date}${b.time}`.localeCompare(`${a.date}${a.time}`));
  const columns = file.properties;

  const run = async () => {
    const result = mapForeignFindings(file, mapping, { now: new Date().toISOString(), newId: () => crypto.randomUUID(), walkIds });
    if (!result.ok) return;
    setBusy(true);
    setFailure(null);
    const written = await importMappedFindings(result.value);
    setBusy(false);
    if (written.ok) onDone(t('foreignImportOk', { n: written.added }));
    else setFailure(written.message);
  };

  return (
    <section className="foreign-import form" aria-labelledby={`${id}-h`} data-testid="foreign-import">
      <h3 id={`${id}-h`}>{t('foreignHeading')}</h3>
      <p>{t('foreignIntro', { points: file.points.length, total: file.featureCount })}</p>

      {file.points.length > 0 && (columns.length === 0 ? <p className="hint">{t('foreignNoProperties')}</p> : (
        <div className="table-scroll" role="region" aria-labelledby={`${id}-cap`} tabIndex={0}>
          <table className="foreign-sample" data-testid="foreign-sample">
            <caption id={`${id}-cap`}>{t('foreignSample')}</caption>
            <thead>
              <tr><th scope="col">{t('foreignFeatureColumn')}</th>{columns.map((c) => <th scope="col" key={c}>{c}</th>)}</tr>
            </thead>
            <tbody>
              {file.points.slice(0, SAMPLE_ROWS).map((p) => (
                <tr key={p.row}>
                  <th scope="row">{p.row + 1}</th>
                  {columns.map((c) => {
                    const text = valueText(p.properties[c]);
                    return <td key={c} title={text.length > CELL_MAX ? text : undefined}>{text.length > CELL_MAX ? `${text.slice(0, CELL_MAX)}…` : text}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}

      <div className="field">
        <label htmlFor={`${id}-cat`}>{t('foreignCategoryFrom')}</label>
        <select id={`${id}-cat`} value={mapping.categoryProperty ?? ''} onChange={(e) => {
          const property = e.target.value || null;
          update({ categoryProperty: property, categories: property ? categoryDefaults(file.points, property) : {} });
        }}>
          <option value="">{t('foreignCategoryNone')}</option>
          {columns.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </div>
      {values.length > 0 && (
        <fieldset className="foreign-values">
          <legend>{t('foreignCategoryValues')}</legend>
          <div className="foreign-value-grid">
            {values.slice(0, MAX_VALUE_ROWS).map(({ value, count }, i) => (
              <Fragment key={value}>
                <label htmlFor={`${id}-v${i}`}>{t('foreignValueCount', { value: value === '' ? t('foreignValueEmpty') : value, n: count })}</label>
                <select id={`${id}-v${i}`} value={mapping.categories[value] ?? 'ovrigt'}
                  onChange={(e) => update({ categories: { ...mapping.categories, [value]: e.target.value as FindingCategory } })}>
                  {FINDING_CATEGORIES.map((c) => <option key={c} value={c}>{t(CATEGORY_LABEL[c])}</option>)}
                </select>
              </Fragment>
            ))}
          </div>
          {values.length > MAX_VALUE_ROWS && <p className="hint">{t('foreignMoreValues', { n: values.length - MAX_VALUE_ROWS })}</p>}
        </fieldset>
      )}

      <div className="field">
        <label htmlFor={`${id}-desc`}>{t('foreignDescriptionFrom')}</label>
        <select id={`${id}-desc`} value={'property' in mapping.description ? mapping.description.property : FIXED}
          onChange={(e) => update({ description: e.target.value === FIXED ? { text: '' } : { property: e.target.value } })}>
          {columns.map((c) => <option key={c} value={c}>{c}</option>)}
          <option value={FIXED}>{t('foreignDescriptionFixed')}</option>
        </select>
      </div>
      {'text' in mapping.description && (
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('foreignDescriptionText')}</label>
          <input id={`${id}-text`} maxLength={2000} value={mapping.description.text} onChange={(e) => update({ description: { text: e.target.value } })} />
        </div>
      )}

      <div className="field">
        <label htmlFor={`${id}-resp`}>{t('foreignResponsibleFrom')}</label>
        <select id={`${id}-resp`} value={mapping.responsibleProperty ?? ''} onChange={(e) => update({ responsibleProperty: e.target.value || null })}>
          <option value="">{t('foreignResponsibleNone')}</option>
          {columns.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </div>

      <div className="field">
        <label htmlFor={`${id}-walk`}>{t('foreignWalk')}</label>
        <select id={`${id}-walk`} value={mapping.walkId ?? ''} onChange={(e) => update({ walkId: e.target.value || null })}>
          <option value="">{t('foreignWalkNone')}</option>
          {sortedWalks.map((w) => <option key={w.id} value={w.id}>{`${w.date} ${w.time} · ${w.organiser}`}</option>)}
        </select>
      </div>

      <p className="hint">{t('foreignDefaults')}</p>
      {problems.length > 0 && (
        <div className="banner warn" role="alert" data-testid="foreign-problems">
          <p>{t('foreignProblems')}</p>
          <ul>{problems.map((line) => <li key={line}>{line}</li>)}</ul>
        </div>
      )}
      {failure && <p className="banner warn" role="alert">{failure}</p>}
      <div className="actions">
        <button type="button" className="primary" disabled={!check.ok || busy} onClick={() => void run()}>
          {t('foreignImport', { n: file.points.length })}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </section>
  );
}
