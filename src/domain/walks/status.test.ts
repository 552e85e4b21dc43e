import { describe, expect, it } from 'vitest';
import { canTransition, isOpen, isOverdue, nextStatuses, transition } from './status';
import { FINDING_STATUSES } from './types';
import type { FindingStatus } from './types';
import { aFinding, withHistory } from './walk-fixtures';

const ALLOWED: [FindingStatus, FindingStatus][] = [
  ['ny', 'beslutad'], ['ny', 'avslutad'],
  ['beslutad', 'pagar'], ['beslutad', 'atgardad'], ['beslutad', 'avslutad'],
  ['pagar', 'atgardad'], ['pagar', 'avslutad'],
  ['atgardad', 'ny'], ['atgardad', 'beslutad'],
  ['avslutad', 'ny'], ['avslutad', 'beslutad'],
];

describe('canTransition', () => {
  it('allows exactly the transitions of the workflow', () => {
    const allowed = new Set(ALLOWED.map(([a, b]) => `${a}>${b}`));
    for (const from of FINDING_STATUSES) {
      for (const to of FINDING_STATUSES) {
        expect(canTransition(from, to), `${from} → ${to}`).toBe(allowed.has(`${from}>${to}`));
      }
    }
  });

  it.each([
    ['ny', 'pagar'], ['ny', 'atgardad'], ['pagar', 'beslutad'], ['pagar', 'ny'],
    ['atgardad', 'pagar'], ['avslutad', 'atgardad'], ['ny', 'ny'], ['atgardad', 'avslutad'],
  ] as [FindingStatus, FindingStatus][])('forbids %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('lists the next statuses for a menu', () => {
    expect(nextStatuses('beslutad')).toEqual(['pagar', 'atgardad', 'avslutad']);
  });
});

describe('transition', () => {
  const at = '2021-04-01T10:00:00.000Z';

  it.each(ALLOWED)('%s → %s appends to history and sets updatedAt', (from, to) => {
    const path: Record<FindingStatus, FindingStatus[]> = {
      ny: [], beslutad: ['beslutad'], pagar: ['beslutad', 'pagar'], atgardad: ['beslutad', 'atgardad'], avslutad: ['avslutad'],
    };
    const f = withHistory(aFinding(), path[from]);
    const r = transition(f, to, at, 'beslut i trygghetsrådet');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.status).toBe(to);
    expect(r.value.updatedAt).toBe(at);
    expect(r.value.history).toEqual([...f.history, { status: to, at, note: 'beslut i trygghetsrådet' }]);
  });

  it('does not modify the finding it is given', () => {
    const f = aFinding();
    const before = structuredClone(f);
    transition(f, 'beslutad', at);
    expect(f).toEqual(before);
  });

  it('leaves out an empty note and keeps the revision', () => {
    const r = transition(aFinding({ revision: 3 }), 'beslutad', at, '  ');
    expect(r.ok && r.value.history[1]).toEqual({ status: 'beslutad', at });
    expect(r.ok && r.value.revision).toBe(3);
  });

  it('reopens a closed finding', () => {
    const closed = withHistory(aFinding(), ['beslutad', 'atgardad']);
    const r = transition(closed, 'ny', at);
    expect(r.ok && r.value.status).toBe('ny');
    expect(r.ok && r.value.history.map((h) => h.status)).toEqual(['ny', 'beslutad', 'atgardad', 'ny']);
  });

  it('refuses a forbidden transition with a reason', () => {
    const r = transition(aFinding(), 'atgardad', at);
    expect(r).toMatchObject({ ok: false, errors: [{ field: 'status', code: 'transition_not_allowed' }] });
  });

  it('refuses a change dated before the previous one, and a date that does not parse', () => {
    expect(transition(aFinding(), 'beslutad', '2020-01-01T00:00:00Z')).toMatchObject({ ok: false, errors: [{ code: 'change_before_previous' }] });
    expect(transition(aFinding(), 'beslutad', 'igår')).toMatchObject({ ok: false, errors: [{ code: 'invalid_datetime' }] });
  });
});

describe('isOpen / isOverdue', () => {
  it('counts ny, beslutad and pågår as open', () => {
    expect(FINDING_STATUSES.filter(isOpen)).toEqual(['ny', 'beslutad', 'pagar']);
  });

  it('is overdue when open with a deadline before today', () => {
    expect(isOverdue({ status: 'beslutad', deadline: '2021-05-31' }, '2021-06-01')).toBe(true);
  });

  it('is not overdue on the deadline day, without a deadline, or when closed', () => {
    expect(isOverdue({ status: 'beslutad', deadline: '2021-06-01' }, '2021-06-01')).toBe(false);
    expect(isOverdue({ status: 'pagar', deadline: null }, '2021-06-01')).toBe(false);
    expect(isOverdue({ status: 'atgardad', deadline: '2021-01-01' }, '2021-06-01')).toBe(false);
  });
});
