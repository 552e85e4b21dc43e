/**
 * Trygghetsvandringar (safety walks) and their findings: what the trygghetsråd records. Positions
 * are WGS84 [lon, lat]; dates are ISO 8601 strings. Records carry a revision that every save
 * increments, so that two tabs never overwrite each other silently.
 */

export const FINDING_CATEGORIES = [
  'belysning', 'vegetation', 'klotter', 'nedskrapning', 'trafik', 'gangvag', 'otrygg-plats', 'ovrigt',
] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

export const RESPONSIBLE_KINDS = ['sdf', 'trafikkontoret', 'fastighetsagare', 'sl', 'polisen', 'annan'] as const;
export type ResponsibleKind = (typeof RESPONSIBLE_KINDS)[number];

/** ny → beslutad åtgärd → pågår → åtgärdad, or avslutad utan åtgärd; closed ones can be reopened. */
export const FINDING_STATUSES = ['ny', 'beslutad', 'pagar', 'atgardad', 'avslutad'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const PRIORITIES = ['hog', 'medel', 'lag'] as const;
export type Priority = (typeof PRIORITIES)[number];

export type LonLat = [number, number];

export interface StatusChange {
  status: FindingStatus;
  /** ISO 8601 date-time of the change. */
  at: string;
  note?: string;
}

export interface Photo {
  name: string;
  /** MIME type, image/jpeg or image/png or image/webp. */
  type: string;
  /** The image as a data: URL (downscaled before it is stored). */
  dataUrl: string;
}

/** Where a finding lies, assigned by point in polygon when it is saved or moved. */
export interface FindingPlace {
  stadsdelId: string | null;
  districtId: string | null;
  priorityAreaIds: string[];
}

export interface Finding extends FindingPlace {
  id: string;
  /** The walk it was found on; null for a finding recorded outside a walk. */
  walkId: string | null;
  position: LonLat;
  category: FindingCategory;
  description: string;
  photo: Photo | null;
  responsible: { kind: ResponsibleKind; /** Property owner or other party by name (an organisation). */ name?: string };
  priority: Priority;
  status: FindingStatus;
  /** Every status the finding has had, oldest first; the last entry is the current status. */
  history: StatusChange[];
  /** Deadline for the decided action, YYYY-MM-DD. */
  deadline: string | null;
  /** Only public findings may be shown to residents. */
  public: boolean;
  createdAt: string;
  updatedAt: string;
  revision: number;
  /** Set on shipped example data, which is kept apart from the user's own records. */
  example?: boolean;
}

export interface Walk {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM, local time */
  time: string;
  area: { kind: 'priorityArea' | 'stadsdel'; id: string };
  /** Organising body, e.g. "Hässelby-Vällingby stadsdelsförvaltning". */
  organiser: string;
  /** Participating organisations (never private persons' names). */
  participants: string[];
  notes: string;
  /** The walked route as a line, or null when none is drawn. */
  route: LonLat[] | null;
  createdAt: string;
  updatedAt: string;
  revision: number;
  example?: boolean;
}

/** Everything the user has recorded; what export and import move. */
export interface WalkData {
  walks: Walk[];
  findings: Finding[];
}
