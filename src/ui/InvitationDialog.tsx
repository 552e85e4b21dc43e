import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Role } from '../domain/accounts';
import { acceptInvitation, invitation } from '../state/server-actions';
import { appStore, useApp } from '../state/store';
import { loginMessage, ROLE_LABEL } from './SessionPanel';
import { useT } from './use-t';

/**
 * An invitation link (`/?invite=TOKEN`): shows whom it is for and lets the invited person choose
 * a name and a password; accepting logs them in. A modal <dialog> (Escape closes it).
 */
export function InvitationDialog() {
  const t = useT();
  const id = useId();
  const token = useApp((s) => s.invitation);
  const onServer = useApp((s) => s.serverSession !== null);
  const ref = useRef<HTMLDialogElement>(null);
  const [info, setInfo] = useState<{ token: string; email?: string; role?: Role; invalid?: boolean } | null>(null);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const open = token !== null && onServer;

  useEffect(() => {
    if (!open || !token) return;
    let live = true;
    invitation(token).then(
      (i) => live && setInfo({ token, email: i.email, role: i.role }),
      () => live && setInfo({ token, invalid: true }),
    );
    return () => {
      live = false;
    };
  }, [open, token]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const close = () => appStore.getState().set({ invitation: null });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!token) return;
    if (password !== again) {
      setError(t('invitePasswordMismatch'));
      return;
    }
    setBusy(true);
    setError(null);
    const result = await acceptInvitation(token, name.trim(), password);
    setBusy(false);
    if (!result.ok) setError(loginMessage(t, result));
    else appStore.getState().setTab('walks');
  };
  const current = info && info.token === token ? info : null;

  return (
    <dialog ref={ref} className="modal invitation-dialog" aria-labelledby={`${id}-h`} onCancel={(e) => { e.preventDefault(); close(); }} data-testid="invitation-dialog">
      <h2 id={`${id}-h`}>{t('inviteHeading')}</h2>
      {!current && <p>{t('inviteLoading')}</p>}
      {current?.invalid && <p role="alert">{t('inviteInvalid')}</p>}
      {current?.email && current.role && (
        <form className="form" onSubmit={(e) => void submit(e)}>
          <p>{t('inviteIntro', { email: current.email, role: t(ROLE_LABEL[current.role]) })}</p>
          <input type="email" hidden readOnly autoComplete="username" value={current.email} />
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('inviteName')}</label>
            <input id={`${id}-name`} required maxLength={200} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-pw`}>{t('invitePassword')}</label>
            <input id={`${id}-pw`} type="password" required minLength={10} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-pw2`}>{t('invitePasswordAgain')}</label>
            <input id={`${id}-pw2`} type="password" required minLength={10} autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
          </div>
          {error && <p className="error" role="alert">{error}</p>}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>{t('inviteAccept')}</button>
            <button type="button" className="secondary" onClick={close}>{t('cancel')}</button>
          </div>
        </form>
      )}
      {(!current || current.invalid) && <div className="actions"><button type="button" className="secondary" onClick={close}>{t('close')}</button></div>}
    </dialog>
  );
}
