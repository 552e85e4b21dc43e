/**
 * Strings of the street layer, the online basemap and the printed protocol's map, in Swedish and
 * English. Merged into `sv` and `en` in strings.ts, so that they are message keys like every other string.
 */
export const streetsSv = {
  basemapFallback: 'Gatukartan på nätet gick inte att nå. Kartan visas med den inbyggda bakgrunden.',
  legendStreets: 'Gator och byggnader',
  legendStreet: 'Gata',
  legendFootway: 'Gångväg',
  legendCycleway: 'Cykelväg',
  legendSteps: 'Trappa',
  legendBuilding: 'Byggnad',
  protocolPrinted: 'Utskrivet {date}',
  protocolMapNumbers: 'Fyndens nummer på kartan är raderna i tabellen.',
  protocolCreditAreas: 'Områden och vatten: Stockholms stad, öppna data (CC0)',
  protocolCreditOwnStreets: 'gator: © OpenStreetMap contributors (ODbL)',
  protocolCreditOnline: 'bakgrundskarta: {credit}',
} as const;

export const streetsEn: Record<keyof typeof streetsSv, string> = {
  basemapFallback: 'The online street map could not be reached. The map is shown with its built-in background.',
  legendStreets: 'Streets and buildings',
  legendStreet: 'Street',
  legendFootway: 'Footway',
  legendCycleway: 'Cycle path',
  legendSteps: 'Steps',
  legendBuilding: 'Building',
  protocolPrinted: 'Printed {date}',
  protocolMapNumbers: "The findings' numbers on the map are the rows of the table.",
  protocolCreditAreas: 'Areas and water: City of Stockholm open data (CC0)',
  protocolCreditOwnStreets: 'streets: © OpenStreetMap contributors (ODbL)',
  protocolCreditOnline: 'background map: {credit}',
};
