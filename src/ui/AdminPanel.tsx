import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { Account, Organisation, Role } from '../domain/accounts';
import { ROLES } from '../domain/accounts';
import type { AreaIndex } from '../domain/area-index';
import { RESPONSIBLE_KINDS, type ResponsibleKind } from '../domain/walks/types';
import {
  createOrganisation, invite, listAccounts, listOrganisations, updateAccount, type AdminResult,
} from '../state/admin-actions';
import { useApp } from '../state/store';
import { ROLE_LABEL } from './SessionPanel';
import { useT } from './use-t';
import { RESPONSIBLE_LABEL } from './walk-labels';

/** A failed call in words: the server's message, with each field it named. */
function failure(result: Extract<AdminResult<unknown>, { ok: false }>): string {
  return [result.message, ...result.fields.map((f) => `${f.field}: ${f.message}`)].filter((v, i, all) => all.indexOf(v) === i).join(' · ');
}

/**
 * Administration for the city: organisations, invitations (a one-time link to pass on: no mail
 * server is assumed) and accounts (role, districts, disabled). Shown to administrators only; the
 * server checks every call.
 */
export function AdminPanel({ index }: { index: AreaIndex }) {
  const t = useT();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const [error, setError] = useState<string | null>(null);
  // An administrator cannot shut themselves out (the server refuses it too).
  const self = useApp((s) => s.serverSession?.account?.id);

  const reload = useCallback(async () => {
    const [a, o] = await Promise.all([listAccounts(), listOrganisations()]);
    if (a.ok) setAccounts(a.value); else setError(failure(a));
    if (o.ok) setOrganisations(o.value); else setError(failure(o));
  }, []);
  useEffect(() => { void reload(); }, [reload]);

  const orgName = (id: string | null) => organisations.find((o) => o.id === id)?.name ?? '';
  const districtName = (id: string) => index.district(id)?.properties.name ?? id;

  const toggleDisabled = async (account: Account) => {
    const result = await updateAccount(account.id, { disabled: !account.disabled });
    if (result.ok) await reload(); else setError(failure(result));
  };

  return (
    <section className="admin" aria-labelledby="admin-heading" data-testid="admin">
      <h3 id="admin-heading">{t('adminHeading')}</h3>
      {error && <p className="error" role="alert">{error}</p>}
      <OrganisationForm onDone={reload} />
      <InvitationForm organisations={organisations} index={index} />
      <h4>{t('adminAccounts', { n: accounts.length })}</h4>
      <ul className="admin-accounts">
        {accounts.map((a) => (
          <li key={a.id} data-testid="admin-account">
            <span className="admin-account-name">{a.name} · {a.email}</span>
            <span className="hint">
              {t(ROLE_LABEL[a.role])}
              {a.organisationId && ` · ${orgName(a.organisationId)}`}
              {a.districtIds.length > 0 && ` · ${a.districtIds.map(districtName).join(', ')}`}
              {a.disabled && ` · ${t('adminDisabled')}`}
            </span>
            {a.id !== self && (
              <button type="button" className="secondary" onClick={() => void toggleDisabled(a)}>
                {a.disabled ? t('adminEnable') : t('adminDisable')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function OrganisationForm({ onDone }: { onDone: () => Promise<void> }) {
  const t = useT();
  const id = useId();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ResponsibleKind>('polisen');
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await createOrganisation(name, kind);
    if (!result.ok) { setMessage(failure(result)); return; }
    setName('');
    setMessage(t('adminOrganisationCreated', { name: result.value.name }));
    await onDone();
  };
  return (
    <form className="admin-form form" onSubmit={(e) => void submit(e)}>
      <h4>{t('adminNewOrganisation')}</h4>
      <label htmlFor={`${id}-name`}>{t('adminOrganisationName')}</label>
      <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      <label htmlFor={`${id}-kind`}>{t('adminOrganisationKind')}</label>
      <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as ResponsibleKind)}>
        {RESPONSIBLE_KINDS.map((k) => <option key={k} value={k}>{t(RESPONSIBLE_LABEL[k])}</option>)}
      </select>
      <button type="submit">{t('adminCreateOrganisation')}</button>
      {message && <p role="status">{message}</p>}
    </form>
  );
}

function InvitationForm({ organisations, index }: { organisations: Organisation[]; index: AreaIndex }) {
  const t = useT();
  const id = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [organisationId, setOrganisationId] = useState('');
  const [districtIds, setDistrictIds] = useState<string[]>([]);
  const [link, setLink] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLink(null);
    const result = await invite({ email, role, organisationId: organisationId || null, districtIds: role === 'member' ? districtIds : [] });
    if (!result.ok) { setMessage(failure(result)); return; }
    setMessage(t('adminInvitationCreated', { email, date: result.value.expiresAt.slice(0, 10) }));
    setLink(result.value.link);
  };
  const toggle = (district: string) =>
    setDistrictIds((ids) => (ids.includes(district) ? ids.filter((d) => d !== district) : [...ids, district]));
  return (
    <form className="admin-form form" onSubmit={(e) => void submit(e)}>
      <h4>{t('adminInvite')}</h4>
      <label htmlFor={`${id}-email`}>{t('loginEmail')}</label>
      <input id={`${id}-email`} type="email" value={email} onChange={(e) => setEmail(e.target.value)} required maxLength={254} />
      <label htmlFor={`${id}-role`}>{t('adminRole')}</label>
      <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
        {ROLES.map((r) => <option key={r} value={r}>{t(ROLE_LABEL[r])}</option>)}
      </select>
      <label htmlFor={`${id}-org`}>{t('adminOrganisation')}</label>
      <select id={`${id}-org`} value={organisationId} onChange={(e) => setOrganisationId(e.target.value)} required={role === 'responsible'}>
        <option value="">{t('adminNoOrganisation')}</option>
        {organisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
      </select>
      {role === 'member' && (
        <fieldset className="admin-districts">
          <legend>{t('adminDistricts')}</legend>
          {index.districts.map((d) => (
            <label key={d.properties.id}>
              <input type="checkbox" checked={districtIds.includes(d.properties.id)} onChange={() => toggle(d.properties.id)} />
              {d.properties.name}
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit">{t('adminCreateInvitation')}</button>
      {message && <p role="status">{message}</p>}
      {link && (
        <p className="admin-link">
          <label htmlFor={`${id}-link`}>{t('adminInvitationLink')}</label>
          <input id={`${id}-link`} readOnly value={link} data-testid="invitation-link" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className="secondary" onClick={() => void navigator.clipboard?.writeText(link)}>{t('adminCopy')}</button>
        </p>
      )}
    </form>
  );
}
