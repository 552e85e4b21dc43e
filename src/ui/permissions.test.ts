import { describe, expect, it } from 'vitest';
import type { Account } from '../domain/accounts';
import type { AreaIndex } from '../domain/area-index';
import { finding, walk } from '../storage/test-records';
import { permissions } from './permissions';

const index = {
  stadsdel: (id: string) => (id === 'hasselby-gard' ? { properties: { districtId: 'hasselby-vallingby' } } : undefined),
  priorityArea: () => undefined,
} as unknown as AreaIndex;

const account = (overrides: Partial<Account>): Account => ({
  id: 'a1', email: 'a@example.se', name: 'A', role: 'member', organisationId: 'org-1', districtIds: ['hasselby-vallingby'], disabled: false, ...overrides,
});

describe('permissions mirrored in the UI', () => {
  const w = walk('w1');
  const f = finding('f1', 'w1', { responsible: { kind: 'polisen', organisationId: 'polisen-vasterort' } });

  it('allows everything without a server', () => {
    const can = permissions(null, index, [w]);
    expect([can.local, can.canCreateWalk, can.canImport, can.walk(w), can.finding(f), can.status(f), can.access(f)]).toEqual([true, true, true, true, true, true, 'full']);
  });

  it('lets a member of the district edit, and a member elsewhere nothing', () => {
    const member = permissions({ kind: 'account', account: account({}) }, index, [w]);
    expect([member.canCreateWalk, member.walk(w), member.finding(f), member.status(f)]).toEqual([true, true, true, true]);
    const elsewhere = permissions({ kind: 'account', account: account({ districtIds: ['rinkeby-kista'] }) }, index, [w]);
    expect([elsewhere.walk(w), elsewhere.finding(f), elsewhere.status(f)]).toEqual([false, false, false]);
    // A public finding of another district: only its public part.
    expect(elsewhere.access({ ...f, public: true })).toBe('public');
    expect(member.access(f)).toBe('full');
  });

  it('gives a responsible party only the status of its own findings', () => {
    const police = permissions({ kind: 'account', account: account({ role: 'responsible', organisationId: 'polisen-vasterort', districtIds: [] }) }, index, [w]);
    expect([police.canCreateWalk, police.canImport, police.walk(w), police.finding(f), police.status(f), police.access(f)]).toEqual([false, false, false, false, true, 'full']);
    expect(police.status({ ...f, responsible: { kind: 'sdf' } })).toBe(false);
  });

  it('lets the public only look', () => {
    const pub = permissions({ kind: 'public' }, index, [w]);
    expect([pub.canCreateWalk, pub.canPin, pub.canImport, pub.walk(w), pub.finding(f), pub.status(f)]).toEqual([false, false, false, false, false, false]);
    expect(pub.access({ ...f, public: true })).toBe('public');
  });
});
