import { foldName } from '../names';
import { problemsFromZod } from './problems';
import type { Result } from './problems';
import { findingInputSchema, PARTICIPANTS_MAX, walkInputSchema } from './schema';
import type { Finding, FindingCategory, FindingPlace, LonLat, Photo, Priority, ResponsibleKind, Walk } from './types';

/** What creating a walk needs; optional fields get defaults. Dates YYYY-MM-DD, time HH:MM local. */
export interface WalkInput {
  date: string;
  time: string;
  area: Walk['area'];
  organiser: string;
  /** Organisation names; trimmed, deduplicated (case- and diacritics-insensitive), empty ones dropped. */
  participants?: string[];
  notes?: string;
  /** WGS84 [lon, lat] positions, at least two, or null. */
  route?: LonLat[] | null;
  example?: boolean;
}

/** What creating a finding needs; optional fields get defaults (priority medel, internal, no deadline). */
export interface FindingInput {
  walkId?: string | null;
  /** WGS84 [lon, lat] inside Stockholm. */
  position: LonLat;
  category: FindingCategory;
  description: string;
  photo?: Photo | null;
  responsible: { kind: ResponsibleKind; name?: string; organisationId?: string };
  priority?: Priority;
  /** YYYY-MM-DD */
  deadline?: string | null;
  public?: boolean;
  example?: boolean;
}

/** A finding that lies nowhere known: used until the area lookup has placed it. */
export const NO_PLACE: FindingPlace = { stadsdelId: null, districtId: null, priorityAreaIds: [] };

/**
 * Participating organisations as stored: each trimmed with inner white space collapsed, empty ones
 * dropped, later spellings of the same name (ignoring case and diacritics) dropped. No check that a
 * name is an organisation is possible; the form asks for organisations, never persons.
 */
export function normaliseParticipants(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.replace(/\s+/g, ' ').trim();
    const key = foldName(name);
    if (name === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

/**
 * Validates what a walk form gives (any value) and returns it normalised: text trimmed,
 * participants normalised, defaults filled in. Problems carry codes for the UI to translate.
 */
export function validateWalkInput(raw: unknown): Result<Required<Omit<WalkInput, 'example'>> & Pick<WalkInput, 'example'>> {
  const parsed = walkInputSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: problemsFromZod(parsed.error) };
  const participants = normaliseParticipants(parsed.data.participants);
  if (participants.length > PARTICIPANTS_MAX) {
    return { ok: false, errors: [{ field: 'participants', code: 'too_many', message: `participants may have at most ${PARTICIPANTS_MAX} items` }] };
  }
  return { ok: true, value: { ...parsed.data, participants } };
}

/** Validates what a finding form gives (any value) and returns it trimmed with defaults filled in. */
export function validateFindingInput(raw: unknown): Result<Required<Omit<FindingInput, 'example'>> & Pick<FindingInput, 'example'>> {
  const parsed = findingInputSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: problemsFromZod(parsed.error) };
  const { responsible, ...rest } = parsed.data;
  // An empty name means none: keep the key absent, as a record without one has it.
  const name = responsible.name;
  const organisation = responsible.organisationId ? { organisationId: responsible.organisationId } : {};
  return { ok: true, value: { ...rest, responsible: name ? { kind: responsible.kind, name, ...organisation } : { kind: responsible.kind, ...organisation } } };
}

/**
 * A new walk from (validated) input: revision 0, createdAt = updatedAt = `now` (ISO 8601),
 * participants normalised, notes '' and route null by default. Does not validate: call
 * `validateWalkInput` on form data first.
 */
export function newWalk(input: WalkInput, now: string, id: string): Walk {
  const walk: Walk = {
    id,
    date: input.date,
    time: input.time,
    area: { kind: input.area.kind, id: input.area.id },
    organiser: input.organiser.trim(),
    participants: normaliseParticipants(input.participants ?? []),
    notes: input.notes ?? '',
    route: input.route ? input.route.map(([lon, lat]) => [lon, lat] as LonLat) : null,
    createdAt: now,
    updatedAt: now,
    revision: 0,
  };
  if (input.example) walk.example = true;
  return walk;
}

/**
 * A new finding from (validated) input: status ny with one history entry at `now`, revision 0,
 * internal (public false) unless the input says otherwise, priority medel by default. `place` is
 * where the area lookup puts `input.position` (see `createAreaLookup`); NO_PLACE until known.
 */
export function newFinding(input: FindingInput, now: string, id: string, place: FindingPlace = NO_PLACE): Finding {
  const organisation = input.responsible.organisationId ? { organisationId: input.responsible.organisationId } : {};
  const responsible = input.responsible.name?.trim()
    ? { kind: input.responsible.kind, name: input.responsible.name.trim(), ...organisation }
    : { kind: input.responsible.kind, ...organisation };
  const finding: Finding = {
    id,
    walkId: input.walkId ?? null,
    position: [input.position[0], input.position[1]],
    category: input.category,
    description: input.description.trim(),
    photo: input.photo ? { ...input.photo } : null,
    responsible,
    priority: input.priority ?? 'medel',
    status: 'ny',
    history: [{ status: 'ny', at: now }],
    deadline: input.deadline ?? null,
    public: input.public ?? false,
    createdAt: now,
    updatedAt: now,
    revision: 0,
    stadsdelId: place.stadsdelId,
    districtId: place.districtId,
    priorityAreaIds: [...place.priorityAreaIds],
  };
  if (input.example) finding.example = true;
  return finding;
}
