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

/** Who made a change, as the server recorded it (absent on changes made in a browser without a server). */
export interface ChangeAuthor {
  accountId: string;
  /** The account's display name. */
  name: string;
  /** The account's organisation, by name; null for an account without one. */
  organisation: string | null;
}

export interface StatusChange {
  status: FindingStatus;
  /** ISO 8601 date-time of the change. */
  at: string;
  note?: string;
  /** The note may be shown to residents (on a public finding); notes are internal unless this is true. */
  public?: boolean;
  /** Set by the server when it stores the change. */
  by?: ChangeAuthor;
}

/**
 * A finding's photo: either inline as a data: URL (kept in the browser, and what a client sends)
 * or stored by the server under `id` (served from `/api/photos/{id}`, metadata removed). Exactly
 * one of `dataUrl` and `id` is set.
 */
export interface Photo {
  name: string;
  /** MIME type, image/jpeg or image/png or image/webp. */
  type: string;
  /** The image as a data: URL (downscaled before it is stored). */
  dataUrl?: string;
  /** Id of the photo stored by the server. */
  id?: string;
  /** Residents may see the photo of a public finding only when this is true. */
  public?: boolean;
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
  responsible: {
    kind: ResponsibleKind;
    /** Property owner or other party by name (an organisation). */
    name?: string;
    /** The organisation's id on the server: its accounts may move the finding's status. */
    organisationId?: string;
  };
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
  /** The resident report this finding was made from (set by the server when a report is accepted). */
  reportId?: string;
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
  /** Resident reports chosen as stops for the walk to look at (the protocol lists them). */
  reportIds?: string[];
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

/** What a recorded change to a finding did. */
export const FINDING_EVENT_KINDS = ['created', 'edited', 'status', 'deleted', 'restored', 'imported'] as const;
export type FindingEventKind = (typeof FINDING_EVENT_KINDS)[number];

/** One entry of a finding's history as the server keeps it: who, when, what. */
export interface FindingEvent {
  /** Increasing per server; orders events. */
  seq: number;
  findingId: string;
  kind: FindingEventKind;
  /** ISO 8601 date-time the server recorded it. */
  at: string;
  by: ChangeAuthor;
  /** The fields an edit changed (names of Finding fields). */
  fields: string[];
  /** For a status change: from and to, and its note. */
  from?: FindingStatus;
  to?: FindingStatus;
  note?: string;
  /** The revision the change produced. */
  revision: number;
}
