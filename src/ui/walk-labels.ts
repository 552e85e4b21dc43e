import type { FindingCategory, FindingStatus, Priority, ResponsibleKind } from '../domain/walks/types';
import type { MessageKey } from '../i18n/strings';

/** The string keys of the fixed lists a walk uses. */
export const CATEGORY_LABEL: Record<FindingCategory, MessageKey> = {
  belysning: 'catBelysning', vegetation: 'catVegetation', klotter: 'catKlotter', nedskrapning: 'catNedskrapning',
  trafik: 'catTrafik', gangvag: 'catGangvag', 'otrygg-plats': 'catOtryggPlats', ovrigt: 'catOvrigt',
};
export const RESPONSIBLE_LABEL: Record<ResponsibleKind, MessageKey> = {
  sdf: 'respSdf', trafikkontoret: 'respTrafikkontoret', fastighetsagare: 'respFastighetsagare', sl: 'respSl', polisen: 'respPolisen', annan: 'respAnnan',
};
export const STATUS_LABEL: Record<FindingStatus, MessageKey> = {
  ny: 'statusNy', beslutad: 'statusBeslutad', pagar: 'statusPagar', atgardad: 'statusAtgardad', avslutad: 'statusAvslutad',
};
export const PRIORITY_LABEL: Record<Priority, MessageKey> = { hog: 'prioHog', medel: 'prioMedel', lag: 'prioLag' };
