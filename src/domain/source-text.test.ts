import { describe, expect, it } from 'vitest';
import { documentContains, flattenSourceText } from './source-text';

describe('flattenSourceText', () => {
  it('mends a word hyphenated at a line break', () => {
    expect(flattenSourceText('för-\nvaltning')).toBe('förvaltning');
    expect(flattenSourceText('stadsdels- \n  förvaltningen')).toBe('stadsdelsförvaltningen');
  });

  it('joins lines and collapses blank lines and spacing', () => {
    expect(flattenSourceText('Hässelby gård, Hässelby Villastad/Smedshagen och Grimsta är \n\nprioriterade områden. '))
      .toBe('Hässelby gård, Hässelby Villastad/Smedshagen och Grimsta är prioriterade områden.');
    expect(flattenSourceText('  a\r\n\tb  ')).toBe('a b');
  });

  it('keeps a hyphen between words that is not at a line break', () => {
    expect(flattenSourceText('Rinkeby-Kista och Spånga-Tensta')).toBe('Rinkeby-Kista och Spånga-Tensta');
    expect(flattenSourceText('20-45 år')).toBe('20-45 år');
  });
});

describe('documentContains', () => {
  const doc = 'Stadsdelsnämnden pekar inte ut något geografiskt område som \n\nprioriterat. \n\nStadsdelsnämnden arbetar utifrån två prioriterade teman';

  it('finds a quote across line breaks', () => {
    expect(documentContains(doc, 'Stadsdelsnämnden pekar inte ut något geografiskt område som prioriterat.')).toBe(true);
    expect(documentContains('arbetsför-\nmedlingen', 'arbetsförmedlingen')).toBe(true);
  });

  it('does not find words the document does not have', () => {
    expect(documentContains(doc, 'Stadsdelsnämnden pekar ut ett geografiskt område som prioriterat.')).toBe(false);
    expect(documentContains(doc, 'tre prioriterade teman')).toBe(false);
  });
});
