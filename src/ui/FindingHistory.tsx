import { useEffect, useState } from 'react';
import type { FindingEvent } from '../domain/walks/types';
import type { MessageKey } from '../i18n/strings';
import { findingHistory } from '../state/server-actions';
import { useApp } from '../state/store';
import { StatusChip } from './StatusChip';
import { useT } from './use-t';
import { STATUS_LABEL } from './walk-labels';

const FIELD_LABEL: Record<string, MessageKey> = {
  description: 'fieldDescription', category: 'fieldCategory', status: 'fieldStatus', priority: 'fieldPriority',
  responsible: 'fieldResponsible', deadline: 'fieldDeadline', public: 'fieldPublic', position: 'fieldPosition',
  photo: 'fieldPhoto', walkId: 'fieldWalk',
};

const KIND_LABEL: Record<FindingEvent['kind'], MessageKey> = {
  created: 'eventCreated', edited: 'eventEdited', status: 'eventStatus', deleted: 'eventDeleted', restored: 'eventRestored', imported: 'eventImported',
};

/** Local date and time of an ISO instant, e.g. 2024-03-01 18:42. */
function when(at: string, lang: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  return d.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });
}

/**
 * A finding's events as the server recorded them: who (name and organisation), when, what
 * (created, fields edited, status from → to with its note). Fetched again when the finding's
 * revision changes. Shown only with a server and a logged-in viewer who sees the finding in full.
 */
export function FindingHistory({ findingId, revision }: { findingId: string; revision: number }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const [state, setState] = useState<{ key: string; events?: FindingEvent[]; error?: string } | null>(null);
  const key = `${findingId}@${revision}`;

  useEffect(() => {
    let live = true;
    findingHistory(findingId).then(
      (events) => live && setState({ key, events }),
      (error: unknown) => live && setState({ key, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [findingId, key]);

  const field = (name: string) => (FIELD_LABEL[name] ? t(FIELD_LABEL[name]) : name).toLowerCase();
  return (
    <section className="server-history" data-testid="server-history">
      <h3>{t('serverHistory')}</h3>
      {(!state || (state.key !== key && !state.events)) && <p className="hint">{t('serverHistoryLoading')}</p>}
      {state?.error && <p className="hint">{t('serverHistoryError', { reason: state.error })}</p>}
      {state?.events && state.events.length === 0 && <p className="hint">{t('serverHistoryEmpty')}</p>}
      {state?.events && state.events.length > 0 && (
        <ol className="history">
          {state.events.map((e) => (
            <li key={e.seq}>
              <span className="history-when">{when(e.at, lang)}</span>{' '}
              <strong>{e.by.organisation ? t('eventBy', { name: e.by.name, organisation: e.by.organisation }) : e.by.name}</strong>{' '}
              {e.kind === 'status' && e.from && e.to
                ? <>{t('eventStatus', { from: t(STATUS_LABEL[e.from]), to: t(STATUS_LABEL[e.to]) })} <StatusChip status={e.to} /></>
                : t(KIND_LABEL[e.kind], { fields: e.fields.map(field).join(', ') })}
              {e.note && <> – <span className="pre">{e.note}</span></>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
