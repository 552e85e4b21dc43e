/** Colours of the map, shared with the legend so that both always agree. */
export const palette = {
  outside: '#d5d9dd',
  land: '#f6f3ec',
  water: '#a9cfe9',
  stadsdelLine: '#8c96a1',
  districtLine: '#2f3e4e',
  priority: '#c2410c',
  approximate: '#7e22ce',
  selected: '#0b1f33',
  label: '#1f2933',
  labelHalo: '#ffffff',
  cluster: '#334e68',
} as const;

/** Theme family colours (Okabe–Ito, distinguishable with the common colour-vision deficiencies). */
export const familyColours = {
  trygghet: '#D55E00',
  arbete: '#0072B2',
  'barn-unga': '#009E73',
  delaktighet: '#CC79A7',
  halsa: '#E69F00',
  'boende-miljo': '#56B4E9',
  ovrigt: '#6b7280',
} as const;

/** Sequential classes of the choropleth, light to dark; areas with no goals stay unfilled. */
export const choroplethColours = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;

/** Finding status colours: open ones warm, done green, closed without action grey. */
export const statusColours = {
  ny: '#dc2626',
  beslutad: '#c2410c',
  pagar: '#ca8a04',
  atgardad: '#15803d',
  avslutad: '#6b7280',
} as const;
