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
} as const;
