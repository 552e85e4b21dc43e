import { useId, useState, type FormEvent } from 'react';
import type { Role } from '../domain/accounts';
import type { MessageKey } from '../i18n/strings';
import { logIn, logOut, type LoginResult } from '../state/server-actions';
import { useApp } from '../state/store';
import { useT } from './use-t';

export const ROLE_LABEL: Record<Role, MessageKey> = { admin: 'roleAdmin', member: 'roleMember', responsible: 'roleResponsible' };

/** A failed login or logout in the user's words. */
export function loginMessage(t: ReturnType<typeof useT>, result: Extract<LoginResult, { ok: false }>): string {
  switch (result.reason) {
    case 'wrong': return t('loginWrong');
    case 'rate-limited': return t('loginRateLimited');
    case 'offline': return t('loginOffline');
    default: return t('loginError', { reason: result.message ?? '' });
  }
}

/**
 * Where the records are kept and who is logged in: local only (no server), or shared with the
 * council on the server, with the outbox ("n ej skickade"), offline state, login and logout.
 */
export function SessionPanel() {
  const t = useT();
  const session = useApp((s) => s.serverSession);
  const sync = useApp((s) => s.sync);
  const storage = useApp((s) => s.walkStorage);

  if (!session) {
    return storage.status === 'ready' && storage.kind === 'indexeddb'
      ? <p className="hint" data-testid="storage-status">{t('localOnly')}</p>
      : null;
  }
  const account = session.account;
  return (
    <section className="session" aria-label={account ? t('serverShared') : t('loginHeading')} data-testid="session">
      <p className="sync-line" role="status" data-testid="sync-status">
        <span>{account ? t('serverShared') : t('serverPublic')}</span>
        {sync && sync.pending > 0 && <> <span className="pending-badge" data-testid="sync-pending">{sync.pending === 1 ? t('syncPendingOne') : t('syncPending', { n: sync.pending })}</span></>}
        {sync && !sync.online && <> <span className="offline-badge" data-testid="sync-offline">{t('syncOffline')}</span></>}
      </p>
      {sync?.needsLogin && account && <p className="banner warn" role="alert">{t('syncNeedsLogin')}</p>}
      {sync?.rejected && <p className="banner warn" role="alert">{t('syncRejected', { reason: sync.rejected })}</p>}
      {account && !sync?.needsLogin ? <AccountLine /> : <LoginForm />}
    </section>
  );
}

function AccountLine() {
  const t = useT();
  const session = useApp((s) => s.serverSession);
  const pending = useApp((s) => s.sync?.pending ?? 0);
  const [error, setError] = useState<string | null>(null);
  const account = session?.account;
  if (!account) return null;
  const out = async (everywhere: boolean) => {
    if (pending > 0 && !window.confirm(t('logoutPending', { n: pending }))) return;
    setError(null);
    const result = await logOut(everywhere);
    if (!result.ok) setError(loginMessage(t, result));
  };
  return (
    <div className="account" data-testid="account">
      <p>
        {t('loggedInAs', { name: account.name, email: account.email })}, {t(ROLE_LABEL[account.role])}
        {session.organisation && <> {t('loggedInOrg', { organisation: session.organisation.name })}</>}
        {session.offline && <> <span className="hint">{t('sessionOfflineNote')}</span></>}
      </p>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void out(false)}>{t('logout')}</button>
        <button type="button" className="secondary" onClick={() => void out(true)}>{t('logoutEverywhere')}</button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}

function LoginForm() {
  const t = useT();
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await logIn(email.trim(), password);
    setBusy(false);
    if (result.ok) setPassword('');
    else setError(loginMessage(t, result));
  };
  return (
    <form className="form login-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${id}-h`} data-testid="login-form">
      <h3 id={`${id}-h`}>{t('loginHeading')}</h3>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t('loginEmail')}</label>
        <input id={`${id}-email`} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('loginPassword')}</label>
        <input id={`${id}-password`} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>{t('loginButton')}</button>
      </div>
    </form>
  );
}
