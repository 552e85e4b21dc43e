/**
 * Open311 service discovery, the service list and service definitions: the finding categories
 * as services, and the one optional attribute a report has beyond the spec's fields (`times`).
 */

import { CATEGORY_DESCRIPTIONS, CATEGORY_KEYWORDS, CATEGORY_NAMES, REPORT_TIME_NAMES } from '../../src/domain/categories';
import { REPORT_TIMES } from '../../src/domain/reports';
import { FINDING_CATEGORIES, type FindingCategory } from '../../src/domain/walks/types';
import type { Value } from './format';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

/**
 * When the service list or a service definition last changed (the spec's `changeset`): clients
 * refresh what they cached when it moves. Change it with FINDING_CATEGORIES or the attribute.
 */
export const CHANGESET = '2026-12-02T00:00:00+01:00';

/** The Open311 attribute for when the place feels unsafe (a report's `times`). */
export const TIMES_ATTRIBUTE = 'times';

/** All services share one group: everything here is about places that feel unsafe. */
const GROUP = 'Trygghet';

export function isServiceCode(code: string): code is FindingCategory {
  return (FINDING_CATEGORIES as readonly string[]).includes(code);
}

export function discovery(endpointUrl: string, requireApiKey: boolean): Value {
  return {
    changeset: CHANGESET,
    contact: 'Områdeskartan, Stockholms stad: frågor om gränssnittet ställs till stadens förvaltare av Områdeskartan.',
    key_service: requireApiKey
      ? 'En api_key krävs för att skicka in ärenden; den delas ut av Områdeskartans administratör i Stockholms stad.'
      : 'Ingen api_key behövs för att skicka in ärenden; system som vill ha högre gränser kan få en av Områdeskartans administratör i Stockholms stad.',
    endpoints: [{
      specification: SPECIFICATION,
      url: endpointUrl,
      changeset: CHANGESET,
      type: 'production',
      formats: ['text/xml', 'application/json'],
    }],
  };
}

export function service(code: FindingCategory): { [key: string]: Value } {
  return {
    service_code: code,
    service_name: CATEGORY_NAMES[code].sv,
    description: CATEGORY_DESCRIPTIONS[code].sv,
    // The one attribute (times) is optional, but clients learn of it only from the definition.
    metadata: true,
    type: 'realtime',
    keywords: [CATEGORY_NAMES[code].en, ...CATEGORY_KEYWORDS[code]].join(', '),
    group: GROUP,
  };
}

export function serviceList(): Value {
  return FINDING_CATEGORIES.map(service);
}

export function serviceDefinition(code: FindingCategory): Value {
  return {
    service_code: code,
    attributes: [{
      variable: true,
      code: TIMES_ATTRIBUTE,
      datatype: 'multivaluelist',
      required: false,
      datatype_description: 'Välj en eller flera. Utan val antas att platsen känns otrygg dag, kväll och natt.',
      order: 1,
      description: 'När känns platsen otrygg?',
      values: REPORT_TIMES.map((key) => ({ key, name: REPORT_TIME_NAMES[key].sv })),
    }],
  };
}
