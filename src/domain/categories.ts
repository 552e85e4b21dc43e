/**
 * Names of finding categories, statuses, kinds of responsible party and a report's times of day
 * in Swedish and English, for what the server writes itself (the Open311 service list, status
 * notes). The app's own interface text lives in src/i18n/strings.ts; server/test/open311.test.ts
 * checks that the names the two share agree. Pure: no I/O.
 */

import type { ReportTime } from './reports';
import type { FindingCategory, FindingStatus, ResponsibleKind } from './walks/types';

export interface Names {
  sv: string;
  en: string;
}

export const CATEGORY_NAMES: Readonly<Record<FindingCategory, Names>> = {
  belysning: { sv: 'Belysning', en: 'Lighting' },
  vegetation: { sv: 'Vegetation/skymd sikt', en: 'Vegetation/blocked view' },
  klotter: { sv: 'Klotter/skadegörelse', en: 'Graffiti/vandalism' },
  nedskrapning: { sv: 'Nedskräpning', en: 'Litter' },
  trafik: { sv: 'Trafik', en: 'Traffic' },
  gangvag: { sv: 'Gångväg/tillgänglighet', en: 'Footpath/accessibility' },
  'otrygg-plats': { sv: 'Otrygg passage/plats', en: 'Unsafe passage/place' },
  ovrigt: { sv: 'Övrigt', en: 'Other' },
};

/** A sentence on what each category covers (the Open311 service description). */
export const CATEGORY_DESCRIPTIONS: Readonly<Record<FindingCategory, Names>> = {
  belysning: { sv: 'Trasig, saknad eller för svag belysning som gör en plats mörk och otrygg.', en: 'Broken, missing or too weak lighting that leaves a place dark and unsafe.' },
  vegetation: { sv: 'Buskar, träd eller häckar som skymmer sikten eller skapar gömställen.', en: 'Bushes, trees or hedges that block the view or make hiding places.' },
  klotter: { sv: 'Klotter, krossade rutor eller annan skadegörelse.', en: 'Graffiti, broken windows or other vandalism.' },
  nedskrapning: { sv: 'Skräp, sprutor, glas eller annat som lämnats kvar.', en: 'Litter, syringes, glass or other things left behind.' },
  trafik: { sv: 'Farliga korsningar, höga hastigheter eller otrygga övergångsställen.', en: 'Dangerous crossings, high speeds or unsafe pedestrian crossings.' },
  gangvag: { sv: 'Gångvägar som är svåra att ta sig fram på, eller saknas.', en: 'Footpaths that are hard to pass, or missing.' },
  'otrygg-plats': { sv: 'En passage, tunnel eller plats som känns otrygg av andra skäl.', en: 'A passage, tunnel or place that feels unsafe for other reasons.' },
  ovrigt: { sv: 'Något annat som gör platsen otrygg.', en: 'Something else that makes the place unsafe.' },
};

/** Other words a person may look for (the Open311 service keywords). */
export const CATEGORY_KEYWORDS: Readonly<Record<FindingCategory, readonly string[]>> = {
  belysning: ['gatlykta', 'lampa', 'mörker', 'ljus', 'lighting'],
  vegetation: ['buskar', 'träd', 'häck', 'sikt', 'vegetation'],
  klotter: ['klotter', 'skadegörelse', 'vandalism', 'graffiti'],
  nedskrapning: ['skräp', 'sprutor', 'glas', 'litter'],
  trafik: ['korsning', 'övergångsställe', 'hastighet', 'traffic'],
  gangvag: ['gångväg', 'trottoar', 'tillgänglighet', 'footpath'],
  'otrygg-plats': ['tunnel', 'passage', 'otrygg', 'unsafe'],
  ovrigt: ['annat', 'other'],
};

export const STATUS_NAMES: Readonly<Record<FindingStatus, Names>> = {
  ny: { sv: 'Ny', en: 'New' },
  beslutad: { sv: 'Beslutad åtgärd', en: 'Action decided' },
  pagar: { sv: 'Pågår', en: 'In progress' },
  atgardad: { sv: 'Åtgärdad', en: 'Done' },
  avslutad: { sv: 'Avslutad utan åtgärd', en: 'Closed without action' },
};

export const RESPONSIBLE_NAMES: Readonly<Record<ResponsibleKind, Names>> = {
  sdf: { sv: 'Stadsdelsförvaltningen', en: 'District administration' },
  trafikkontoret: { sv: 'Trafikkontoret', en: 'Traffic office (Trafikkontoret)' },
  fastighetsagare: { sv: 'Fastighetsägare', en: 'Property owner' },
  sl: { sv: 'SL/trafikförvaltningen', en: 'SL/public transport authority' },
  polisen: { sv: 'Polisen', en: 'Police' },
  annan: { sv: 'Annan', en: 'Other' },
};

/** When a place feels unsafe (a resident report's `times`). */
export const REPORT_TIME_NAMES: Readonly<Record<ReportTime, Names>> = {
  dag: { sv: 'Dag', en: 'Day' },
  kvall: { sv: 'Kväll', en: 'Evening' },
  natt: { sv: 'Natt', en: 'Night' },
};
