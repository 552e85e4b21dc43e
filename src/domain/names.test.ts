import { describe, expect, it } from 'vitest';
import { foldName, slugify } from './names';

describe('foldName', () => {
  it('ignores case, diacritics and runs of white space', () => {
    expect(foldName('HÄSSELBY  GÅRD')).toBe(foldName('hasselby gard'));
    expect(foldName('HÄSSELBY  GÅRD')).toBe('hasselby gard');
    expect(foldName('  Östra\tS:t  Göran\n')).toBe('ostra s:t goran');
    expect(foldName('ENSKEDE-ÅRSTA-VANTÖR')).toBe(foldName('Enskede-Årsta-Vantör'));
  });

  it('keeps different names apart', () => {
    expect(foldName('Hässelby gård')).not.toBe(foldName('Hässelby strand'));
    expect(foldName('Farsta')).not.toBe(foldName('Farsta strand'));
  });

  it('folds composed and decomposed Unicode alike', () => {
    expect(foldName('Sa\u0308tra')).toBe(foldName('S\u00e4tra'));
  });
});

describe('slugify', () => {
  it('makes ascii ids from Swedish names', () => {
    expect(slugify('Hässelby gård')).toBe('hasselby-gard');
    expect(slugify('Enskede-Årsta-Vantör')).toBe('enskede-arsta-vantor');
    expect(slugify('Östra S:t Göran')).toBe('ostra-s-t-goran');
    expect(slugify('Hässelby villastad/Smedshagen')).toBe('hasselby-villastad-smedshagen');
    expect(slugify('  Vårberg  ')).toBe('varberg');
  });

  it('gives only lower-case ascii words joined by "-"', () => {
    for (const name of ['Skärholmen', 'ULVSUNDA INDUSTRIOMR', 'Spånga stationsområde', 'Älvsjö (2017)']) {
      expect(slugify(name)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });
});
