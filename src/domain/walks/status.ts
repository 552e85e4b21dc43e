import type { Result } from './problems';
import type { Finding, FindingStatus, StatusChange } from './types';

/**
 * Which status may follow which: ny → beslutad | avslutad; beslutad → pågår | åtgärdad | avslutad;
 * pågår → åtgärdad | avslutad; a closed finding (åtgärdad, avslutad) is reopened as ny or beslutad.
 * A status never follows itself.
 */
export const STATUS_TRANSITIONS: Readonly<Record<FindingStatus, readonly FindingStatus[]>> = {
  ny: ['beslutad', 'avslutad'],
  beslutad: ['pagar', 'atgardad', 'avslutad'],
  pagar: ['atgardad', 'avslutad'],
  atgardad: ['ny', 'beslutad'],
  avslutad: ['ny', 'beslutad'],
};

/** True when `to` may follow `from`. */
export function canTransition(from: FindingStatus, to: FindingStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** The statuses that may follow `from`, in the order of the workflow (for a menu). */
export function nextStatuses(from: FindingStatus): readonly FindingStatus[] {
  return STATUS_TRANSITIONS[from];
}

/** Open: still needs someone to act (ny, beslutad, pågår). Closed: åtgärdad or avslutad. */
export function isOpen(status: FindingStatus): boolean {
  return status === 'ny' || status === 'beslutad' || status === 'pagar';
}

/**
 * Overdue: open, with a deadline, and the deadline (YYYY-MM-DD) before `today` (YYYY-MM-DD, the
 * local date in Stockholm: see `stockholmDate`). A finding due today is not overdue.
 */
export function isOverdue(finding: Pick<Finding, 'status' | 'deadline'>, today: string): boolean {
  return isOpen(finding.status) && finding.deadline !== null && finding.deadline < today;
}

/**
 * Changes a finding's status: a new finding with the change appended to `history`, `status` and
 * `updatedAt` set to the change. `at` is an ISO 8601 date-time and may not lie before the last
 * change. Pure: the input is not modified. `revision` is left alone (the store increments it when
 * it saves). A change that is not allowed returns a reason instead.
 */
export function transition(finding: Finding, to: FindingStatus, at: string, note?: string, notePublic = false): Result<Finding> {
  if (!canTransition(finding.status, to)) {
    return {
      ok: false,
      errors: [{ field: 'status', code: 'transition_not_allowed', message: `status ${finding.status} cannot change to ${to}; allowed: ${STATUS_TRANSITIONS[finding.status].join(', ')}` }],
    };
  }
  const time = Date.parse(at);
  if (Number.isNaN(time)) {
    return { ok: false, errors: [{ field: 'at', code: 'invalid_datetime', message: `at must be an ISO 8601 date-time, got "${at}"` }] };
  }
  const last = finding.history[finding.history.length - 1];
  if (last && time < Date.parse(last.at)) {
    return { ok: false, errors: [{ field: 'at', code: 'change_before_previous', message: `a change at ${at} cannot come before the previous change at ${last.at}` }] };
  }
  const trimmed = note?.trim();
  const change: StatusChange = trimmed ? { status: to, at, note: trimmed, ...(notePublic ? { public: true } : {}) } : { status: to, at };
  return { ok: true, value: { ...finding, status: to, history: [...finding.history, change], updatedAt: at } };
}
