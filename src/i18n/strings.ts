/** Every interface string, in Swedish (default) and English. Domain names stay Swedish in both. */
export const sv = {
  appTitle: 'Områdeskartan',
  tagline: 'Prioriterade områden i Stockholms lokala utvecklingsprogram',
  switchLanguage: 'English',
  switchLanguageLabel: 'Switch to English',
  loading: 'Laddar kartdata …',
  loadError: 'Kartdata kunde inte läsas: {reason}. Ladda om sidan; kvarstår felet, kontakta den som driftar tjänsten.',
  mapLabel: 'Karta över Stockholms stadsdelsområden, stadsdelar och prioriterade områden. Listan bredvid innehåller samma områden.',
  listHeading: 'Stadsdelsområden',
  listIntro: 'Välj ett stadsdelsområde eller ett prioriterat område. Du kan också klicka i kartan.',
  noPriorityAreaShort: 'inget prioriterat område',
  priorityAreaCount: '{n} prioriterade områden',
  priorityAreaCountOne: '1 prioriterat område',
  kindDistrict: 'Stadsdelsområde',
  kindStadsdel: 'Stadsdel',
  kindPriorityArea: 'Prioriterat område',
  district: 'Stadsdelsområde',
  area: 'Yta',
  km2: '{n} km²',
  consistsOf: 'Består av',
  wholeStadsdel: 'hela stadsdelen {name}',
  approximate: 'Ungefärlig avgränsning, ritad för kartan inom stadsdelen {name}',
  approximateBadge: 'ungefärlig',
  source: 'Källa',
  documentSection: 'dokument {document}, avsnitt {section}',
  stadsdelar: 'Stadsdelar ({n})',
  priorityAreas: 'Prioriterade områden',
  noPriorityArea: 'Stadsdelsnämnden pekar inte ut något geografiskt område som prioriterat.',
  mergedInto: 'Från {date} en del av {name}.',
  inDistrict: 'Ligger i stadsdelsområdet {name}.',
  isPriorityArea: 'Prioriterat område här: {names}.',
  close: 'Stäng',
  showOnMap: 'Visa {name}',
  legendTitle: 'Teckenförklaring',
  legendDistrict: 'Gräns för stadsdelsområde',
  legendStadsdel: 'Gräns för stadsdel',
  legendPriority: 'Prioriterat område (hel stadsdel)',
  legendApproximate: 'Prioriterat område, ungefärlig avgränsning',
  legendWater: 'Vatten',
  legendSelected: 'Valt område',
  unknownArea: 'Det finns inget område med id ”{id}”. Kartan visar hela Stockholm i stället.',
  badLink: 'En del av länken kunde inte läsas ({parts}) och hoppades över.',
  dismiss: 'Stäng meddelandet',
  attribution: 'Stadsdelsgränser och vatten: Stockholms stad, öppna data (CC0)',
  sources: 'Källdokument',
} as const;

export type MessageKey = keyof typeof sv;
export type Messages = Record<MessageKey, string>;

export const en: Messages = {
  appTitle: 'Områdeskartan',
  tagline: "Priority areas in Stockholm's local development programmes",
  switchLanguage: 'Svenska',
  switchLanguageLabel: 'Byt till svenska',
  loading: 'Loading map data …',
  loadError: 'The map data could not be read: {reason}. Reload the page; if it persists, contact whoever runs the service.',
  mapLabel: "Map of Stockholm's districts, stadsdelar and priority areas. The list beside it holds the same areas.",
  listHeading: 'Districts (stadsdelsområden)',
  listIntro: 'Choose a district or a priority area. You can also click the map.',
  noPriorityAreaShort: 'no priority area',
  priorityAreaCount: '{n} priority areas',
  priorityAreaCountOne: '1 priority area',
  kindDistrict: 'District (stadsdelsområde)',
  kindStadsdel: 'Stadsdel',
  kindPriorityArea: 'Priority area (prioriterat område)',
  district: 'District',
  area: 'Area',
  km2: '{n} km²',
  consistsOf: 'Consists of',
  wholeStadsdel: 'the whole stadsdel {name}',
  approximate: 'Approximate outline, drawn for the map within the stadsdel {name}',
  approximateBadge: 'approximate',
  source: 'Source',
  documentSection: 'document {document}, section {section}',
  stadsdelar: 'Stadsdelar ({n})',
  priorityAreas: 'Priority areas',
  noPriorityArea: 'The district council names no geographic area as a priority.',
  mergedInto: 'Part of {name} from {date}.',
  inDistrict: 'Lies in the district {name}.',
  isPriorityArea: 'Priority area here: {names}.',
  close: 'Close',
  showOnMap: 'Show {name}',
  legendTitle: 'Legend',
  legendDistrict: 'District boundary',
  legendStadsdel: 'Stadsdel boundary',
  legendPriority: 'Priority area (whole stadsdel)',
  legendApproximate: 'Priority area, approximate outline',
  legendWater: 'Water',
  legendSelected: 'Selected area',
  unknownArea: 'There is no area with id “{id}”. The map shows all of Stockholm instead.',
  badLink: 'Part of the link could not be read ({parts}) and was skipped.',
  dismiss: 'Dismiss message',
  attribution: 'District boundaries and water: City of Stockholm open data (CC0)',
  sources: 'Source documents',
};

export const messages: Record<'sv' | 'en', Messages> = { sv, en };

/** Looks up a string and fills in `{name}` placeholders. */
export function translate(lang: 'sv' | 'en', key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Formats a number the way the language writes it (decimal comma in Swedish). */
export function formatNumber(lang: 'sv' | 'en', value: number, decimals = 2): string {
  return value.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
