import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { createSearchIndex, search, type SearchEntry } from '../domain/search';
import type { MessageKey } from '../i18n/strings';
import { useT } from './use-t';

/** What each kind of entry is called in a suggestion, so that names two kinds share ("Tensta") can be told apart. */
const KIND_LABEL: Record<string, MessageKey> = {
  district: 'searchKindDistrict', stadsdel: 'searchKindStadsdel', priorityArea: 'searchKindPriorityArea', place: 'searchKindPlace', site: 'searchKindSite',
};

/**
 * A search field with suggestions (the ARIA combobox pattern): type, move with the arrow keys,
 * choose with Enter or a click, close with Escape.
 */
export function SearchBox({ entries, onChoose }: { entries: SearchEntry[]; onChoose(entry: SearchEntry): void }) {
  const t = useT();
  const id = useId();
  const index = useMemo(() => createSearchIndex(entries), [entries]);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const hits = useMemo(() => search(index, query, 8), [index, query]);
  // Closing on blur waits a moment; focusing or typing again within it keeps the list open.
  const closing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const keepOpen = () => clearTimeout(closing.current);
  useEffect(() => keepOpen, []);
  const choose = (entry: SearchEntry) => {
    setQuery(entry.name);
    setOpen(false);
    onChoose(entry);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') { setOpen(true); setActive((a) => Math.min(a + 1, hits.length - 1)); }
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (e.key === 'Enter') { const hit = hits[active]; if (open && hit) choose(hit.entry); }
    else if (e.key === 'Escape') setOpen(false);
    else return;
    e.preventDefault();
  };
  const expanded = open && query.trim().length > 0;
  return (
    <div className="search">
      <label htmlFor={`${id}-input`}>{t('searchLabel')}</label>
      <input
        id={`${id}-input`} type="search" role="combobox" autoComplete="off" placeholder={t('searchPlaceholder')}
        aria-expanded={expanded} aria-controls={`${id}-list`} aria-autocomplete="list"
        aria-activedescendant={expanded && hits[active] ? `${id}-opt-${active}` : undefined}
        value={query}
        onChange={(e) => { keepOpen(); setQuery(e.target.value); setOpen(true); setActive(0); }}
        onKeyDown={onKey}
        onFocus={keepOpen}
        onBlur={() => { keepOpen(); closing.current = setTimeout(() => setOpen(false), 150); }}
      />
      <p className="sr-only" aria-live="polite">{expanded ? (hits.length ? t('searchHits', { n: hits.length }) : t('searchNoHits', { query })) : ''}</p>
      <ul id={`${id}-list`} role="listbox" className="suggestions" hidden={!expanded}>
        {expanded && hits.length === 0 && <li className="no-hit" role="presentation">{t('searchNoHits', { query })}</li>}
        {expanded && hits.map((hit, i) => (
          <li
            key={`${hit.entry.kind}:${hit.entry.id}`} id={`${id}-opt-${i}`} role="option" aria-selected={i === active}
            onMouseDown={(e) => { e.preventDefault(); choose(hit.entry); }}
          >
            <span className="name">{hit.entry.name}</span>
            {KIND_LABEL[hit.entry.kind] && <span className="kind"> · {t(KIND_LABEL[hit.entry.kind]!)}</span>}
            {hit.entry.context && <span className="meta"> · {hit.entry.context}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
