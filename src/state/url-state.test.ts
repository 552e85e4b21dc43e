import { describe, expect, it } from 'vitest';
import { formatUrlState, parseUrlState } from './url-state';

describe('URL state', () => {
  it('round-trips selection, view and language', () => {
    const state = { selection: { kind: 'priorityArea' as const, id: 'hjulsta-torg' }, view: { center: [17.8875, 59.3963] as [number, number], zoom: 13.5 }, lang: 'en' as const };
    const search = formatUrlState(state);
    expect(search).toBe('?sel=priority-area:hjulsta-torg&map=13.50/59.39630/17.88750&lang=en');
    const { rejected, ...parsed } = parseUrlState(search);
    expect(rejected).toEqual([]);
    expect(parsed).toEqual(state);
  });

  it('leaves Swedish, the default, out of the link', () => {
    expect(formatUrlState({ lang: 'sv' })).toBe('');
  });

  it.each([
    ['?sel=planet:mars', 'sel=planet:mars'],
    ['?sel=priority-area:<img src=x>', 'sel=priority-area:<img src=x>'],
    ['?map=banana', 'map=banana'],
    ['?map=12/95/18', 'map=12/95/18'],
    ['?map=40/59.3/18', 'map=40/59.3/18'],
    ['?lang=de', 'lang=de'],
  ])('rejects %s and keeps the rest usable', (search, part) => {
    const parsed = parseUrlState(`${search}&sel=district:bromma`.replace(/^\?&/, '?'));
    expect(parsed.rejected).toContain(part);
  });

  it('round-trips filters, tab and choropleth', () => {
    const state = {
      tab: 'programme' as const,
      filter: { districtId: 'hasselby-vallingby', priorityAreaId: 'grimsta', family: 'trygghet' as const, year: 2019, partner: 'Trafikkontoret', query: 'hässelby torg' },
      choropleth: 'stadsdel' as const,
    };
    const { rejected, ...parsed } = parseUrlState(formatUrlState(state));
    expect(rejected).toEqual([]);
    expect(parsed).toEqual(state);
  });

  it.each([['?tema=magic', 'tema=magic'], ['?ar=99', 'ar=99'], ['?flik=x', 'flik=x'], ['?karta=goal', 'karta=goal']])('rejects filter part %s', (search, part) => {
    expect(parseUrlState(search).rejected).toEqual([part]);
  });

  it('reads each kind of selection', () => {
    expect(parseUrlState('?sel=district:bromma').selection).toEqual({ kind: 'district', id: 'bromma' });
    expect(parseUrlState('?sel=stadsdel:hasselby-gard').selection).toEqual({ kind: 'stadsdel', id: 'hasselby-gard' });
  });
});
