import { describe, expect, it } from 'vitest';
import { newFinding, newWalk, normaliseParticipants, validateFindingInput, validateWalkInput } from './new-records';
import { findingSchema, walkSchema } from './schema';
import { TINY_PNG } from './walk-fixtures';

const NOW = '2021-03-04T18:00:00.000Z';

const walkForm = {
  date: '2021-03-04', time: '19:30', area: { kind: 'priorityArea', id: 'tensta' },
  organiser: ' Spånga-Tensta stadsdelsförvaltning ', participants: ['Polisen', ' polisen ', '', 'Trafikkontoret', '  '],
};

const findingForm = {
  position: [17.9015, 59.3945], category: 'belysning', description: '  Trasig lampa  ',
  responsible: { kind: 'fastighetsagare', name: ' Svenska Bostäder ' },
};

describe('normaliseParticipants', () => {
  it('trims, collapses white space, drops empty names and repeats (ignoring case and diacritics)', () => {
    expect(normaliseParticipants([' Polisen ', 'POLISEN', '', 'Trafik  kontoret', 'Fastighetsägare', 'fastighetsagare', '  ']))
      .toEqual(['Polisen', 'Trafik kontoret', 'Fastighetsägare']);
  });
});

describe('validateWalkInput', () => {
  it('accepts a form and returns it normalised with defaults', () => {
    const r = validateWalkInput(walkForm);
    expect(r).toEqual({
      ok: true,
      value: {
        date: '2021-03-04', time: '19:30', area: { kind: 'priorityArea', id: 'tensta' },
        organiser: 'Spånga-Tensta stadsdelsförvaltning', participants: ['Polisen', 'Trafikkontoret'], notes: '', route: null,
      },
    });
  });

  it.each([
    ['date', { date: '2021-02-30' }, 'invalid_date'],
    ['date', { date: '4/3/2021' }, 'invalid_date'],
    ['time', { time: '24:00' }, 'invalid_time'],
    ['time', { time: '7:30' }, 'invalid_time'],
    ['organiser', { organiser: '   ' }, 'required'],
    ['area.kind', { area: { kind: 'district', id: 'tensta' } }, 'unknown_value'],
    ['notes', { notes: 'x'.repeat(10_001) }, 'too_long'],
    ['route', { route: [[17.9, 59.39]] }, 'too_few'],
    ['route.1', { route: [[17.9, 59.39], [59.39, 17.9]] }, 'position_swapped'],
  ])('reports %s with code %s', (field, change, code) => {
    const r = validateWalkInput({ ...walkForm, ...change });
    expect(r.ok).toBe(false);
    expect(r.ok || r.errors).toContainEqual(expect.objectContaining({ field, code }));
  });

  it('reports every missing field at once', () => {
    const r = validateWalkInput({});
    expect(r.ok || r.errors.map((e) => [e.field, e.code])).toEqual([
      ['date', 'required'], ['time', 'required'], ['area', 'required'], ['organiser', 'required'],
    ]);
  });

  it('rejects a value that is not an object without throwing', () => {
    expect(validateWalkInput(null).ok).toBe(false);
  });
});

describe('validateFindingInput', () => {
  it('accepts a form, trims text and fills in defaults', () => {
    expect(validateFindingInput(findingForm)).toEqual({
      ok: true,
      value: {
        walkId: null, position: [17.9015, 59.3945], category: 'belysning', description: 'Trasig lampa', photo: null,
        responsible: { kind: 'fastighetsagare', name: 'Svenska Bostäder' }, priority: 'medel', deadline: null, public: false,
      },
    });
  });

  it('drops an empty responsible name', () => {
    const r = validateFindingInput({ ...findingForm, responsible: { kind: 'sdf', name: '  ' } });
    expect(r.ok && r.value.responsible).toEqual({ kind: 'sdf' });
  });

  it.each([
    ['description', { description: '   ' }, 'required'],
    ['description', { description: 'x'.repeat(2001) }, 'too_long'],
    ['category', { category: 'sopor' }, 'unknown_value'],
    ['position', { position: [59.3945, 17.9015] }, 'position_swapped'],
    ['position', { position: [11.97, 57.71] }, 'position_outside'],
    ['position', { position: [Number.NaN, 59.39] }, 'position_invalid'],
    ['position', { position: undefined }, 'required'],
    ['deadline', { deadline: '2021-13-01' }, 'invalid_date'],
    ['photo.dataUrl', { photo: { ...TINY_PNG, dataUrl: 'https://example.org/x.png' } }, 'invalid_photo'],
    ['photo.type', { photo: { ...TINY_PNG, type: 'image/jpeg' } }, 'invalid_photo'],
    ['responsible.kind', { responsible: { kind: 'grannen' } }, 'unknown_value'],
  ])('reports %s with code %s', (field, change, code) => {
    const r = validateFindingInput({ ...findingForm, ...change });
    expect(r.ok || r.errors).toContainEqual(expect.objectContaining({ field, code }));
  });

  it('accepts a description of exactly 2000 characters', () => {
    expect(validateFindingInput({ ...findingForm, description: 'x'.repeat(2000) }).ok).toBe(true);
  });

  it('suggests the swapped position', () => {
    const r = validateFindingInput({ ...findingForm, position: [59.3945, 17.9015] });
    expect(r.ok || r.errors[0]!.suggestion).toEqual([17.9015, 59.3945]);
  });
});

describe('newWalk / newFinding', () => {
  it('creates a walk at revision 0 that the stored-record schema accepts', () => {
    const v = validateWalkInput(walkForm);
    if (!v.ok) throw new Error('setup');
    const w = newWalk(v.value, NOW, 'w1');
    expect(w).toEqual({ id: 'w1', ...v.value, createdAt: NOW, updatedAt: NOW, revision: 0 });
    expect(walkSchema.safeParse(w).success).toBe(true);
  });

  it('creates a finding with status ny, one history entry, internal, priority medel, and its place', () => {
    const place = { stadsdelId: 'tensta', districtId: 'spanga-tensta', priorityAreaIds: ['tensta'] };
    const f = newFinding({ position: [17.9015, 59.3945], category: 'klotter', description: 'Klotter på muren', responsible: { kind: 'sdf' } }, NOW, 'f1', place);
    expect(f).toMatchObject({
      id: 'f1', walkId: null, status: 'ny', history: [{ status: 'ny', at: NOW }], revision: 0, public: false,
      priority: 'medel', deadline: null, photo: null, createdAt: NOW, updatedAt: NOW, ...place,
    });
    expect('example' in f).toBe(false);
    expect(findingSchema.safeParse(f).success).toBe(true);
  });

  it('marks example records', () => {
    const f = newFinding({ position: [17.9, 59.39], category: 'ovrigt', description: 'x', responsible: { kind: 'annan' }, example: true }, NOW, 'f');
    expect(f.example).toBe(true);
    expect(f.stadsdelId).toBeNull();
  });
});
