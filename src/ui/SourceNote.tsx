import type { AreaIndex } from '../domain/area-index';
import type { SourceRef } from '../domain/types';
import { useT } from './use-t';

/** The document, section and quoted words a record rests on. */
export function SourceNote({ source, index }: { source: SourceRef; index: AreaIndex }) {
  const t = useT();
  const document = index.document(source.document);
  return (
    <div className="source">
      <h3>{t('source')}</h3>
      <p>
        <cite>{document?.title ?? source.document}</cite>
        {' — '}
        {t('documentSection', { document: source.document, section: source.section })}
      </p>
      {source.quote && <blockquote lang="sv">”{source.quote}”</blockquote>}
    </div>
  );
}
