import { foldName } from './names';

/**
 * The documents name some forty themes, worded differently per district. For colour and for the
 * legend they are grouped into a few families by the words in the theme's own name; the theme
 * itself is always shown as written.
 */
export const THEME_FAMILIES = ['trygghet', 'arbete', 'barn-unga', 'delaktighet', 'halsa', 'boende-miljo', 'ovrigt'] as const;
export type ThemeFamily = (typeof THEME_FAMILIES)[number];

const RULES: [ThemeFamily, RegExp][] = [
  ['trygghet', /trygg|sakerhet|ordning|brott|vald/],
  // Before the others: "arbete mot diskriminering" is about equal treatment, not employment.
  ['delaktighet', /diskriminering|normen/],
  ['barn-unga', /barn|unga|ungdom|uppvaxt|skola|utbildning|forskola|fritid/],
  ['arbete', /arbet|sysselsattning|forsorjning|jobb|studier|praktik|naringsliv/],
  ['halsa', /halsa|narkotika|alkohol|andt|missbruk/],
  ['delaktighet', /delaktig|demokrati|tillit|fortroende|socialt kapital|inflytande|dialog|samverkan|natverk|jamstalld|diskriminering|normen|kultur|idrott|invanare|integration|medinflytande/],
  ['boende-miljo', /bostad|boende|stadsmiljo|miljo|klimat|stadsutveckling|trivsel/],
];

/** The family of a theme; the first rule that matches wins, in the order above. */
export function themeFamily(theme: string): ThemeFamily {
  const folded = foldName(theme);
  return RULES.find(([, re]) => re.test(folded))?.[0] ?? 'ovrigt';
}
