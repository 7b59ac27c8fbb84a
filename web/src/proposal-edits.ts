/**
 * Editing what the extractor proposed before it is saved: the reviewer's changes to a proposed
 * act (`i0…`) or statement (`s0…`), and the plan that applies them, through the API, to the
 * *proposed* records that ingest stored from the same proposal — before they are accepted.
 *
 * Ingest (src/app/ingest.ts) groups the acts into incidents (one act per act type and episode)
 * and files one claim per statement and act it is about, and one claim in the source's own voice
 * per act no statement is about; each claim keeps its evidence offsets. So:
 * - an act's type, victims, perpetrators, date and place are the stored act's (several proposals
 *   of one type in one episode share an act: its date is the envelope of theirs); a new type moves
 *   the proposal's claims to an act of that type (an existing one, or a new one);
 * - its figure and date are asserted by its claims (the figure by the supporting ones only);
 * - the title and summary are the incident's;
 * - a statement's stance and quote are its claims'; its speaker, organisation and relay are
 *   actors, found by name in the collection or recorded.
 *
 * Everything here is pure; web/src/apply-edits.ts runs the plan.
 */
import type { ActInput, Claim, ClaimPatch, Count, ExtractedIncident, ExtractedStatement, ExtractionResult, FuzzyDate, Incident, IncidentPatch, Offsets, ReviewDecision } from './api/types.js';
import { completeDate, dateEnvelope, sameDate } from './dates.js';
import type { ItemKey } from './review-plan.js';

/** A reviewer's changes to a proposed act; a field is there only once it was changed. */
export interface IncidentEdit {
  act?: string;
  count?: Count | null;
  date?: FuzzyDate;
  /** A place of the gazetteer; absent: the place ingest matches from the text. */
  placeId?: string | null;
  perpetrator?: string;
  victims?: string;
  /** Of the incident the act is stored in; empty: the title Vigil makes. */
  title?: string;
  summary?: string;
}

/** A reviewer's changes to a proposed statement. */
export interface StatementEdit {
  speaker?: string;
  organisation?: string;
  role?: string;
  stance?: string;
  quote?: string;
  relay?: string;
}

export interface Edits {
  readonly incidents: Readonly<Record<string, IncidentEdit>>;
  readonly statements: Readonly<Record<string, StatementEdit>>;
}

export const NO_EDITS: Edits = { incidents: {}, statements: {} };

const SUPPORTING = new Set(['alleges', 'confirms', 'acknowledges']);

/** The figure ingest stores for a proposed count (as src/app/ingest.ts toCount). */
export function proposedCount(c: ExtractedIncident['count']): Count {
  if (c.qualifier === 'range') return { qualifier: 'range', value: null, min: c.min, max: c.max };
  if (c.qualifier === 'unspecified' || c.value === null) return { qualifier: 'unspecified', value: null, min: null, max: null };
  return { qualifier: c.qualifier, value: c.value, min: null, max: null };
}

export function proposedDate(d: ExtractedIncident['date']): FuzzyDate {
  if (d.start === null || d.end === null || d.precision === 'unknown') return { start: null, end: null, precision: 'unknown' };
  return { start: d.start, end: d.end, precision: d.precision };
}

export const countsEqual = (a: Count | null | undefined, b: Count | null | undefined): boolean =>
  (a ?? null) === (b ?? null) ||
  (!!a && !!b && a.qualifier === b.qualifier && (a.value ?? null) === (b.value ?? null) && (a.min ?? null) === (b.min ?? null) && (a.max ?? null) === (b.max ?? null));

export interface IncidentValues {
  act: string;
  count: Count | null;
  date: FuzzyDate;
  /** undefined: the place ingest will match from the text. */
  placeId: string | null | undefined;
  perpetrator: string;
  victims: string;
  title: string;
  summary: string;
}

/** What the form shows: the proposal with the reviewer's changes over it. */
export function incidentValues(x: ExtractedIncident, e: IncidentEdit = {}): IncidentValues {
  return {
    act: e.act ?? x.act,
    count: e.count !== undefined ? e.count : proposedCount(x.count),
    date: e.date ?? proposedDate(x.date),
    placeId: e.placeId,
    perpetrator: e.perpetrator ?? x.perpetrator ?? '',
    victims: e.victims ?? x.victims ?? '',
    title: e.title ?? '',
    summary: e.summary ?? '',
  };
}

export interface StatementValues {
  speaker: string;
  organisation: string;
  role: string;
  stance: string;
  quote: string;
  relay: string;
}

export function statementValues(x: ExtractedStatement, e: StatementEdit = {}): StatementValues {
  return {
    speaker: e.speaker ?? x.speaker ?? '',
    organisation: e.organisation ?? x.organisation ?? '',
    role: e.role ?? x.speaker_role ?? '',
    stance: e.stance ?? x.stance,
    quote: e.quote ?? x.quote ?? '',
    relay: e.relay ?? x.reported_by ?? '',
  };
}

const textChanged = (edited: string | undefined, proposed: string | null): boolean => edited !== undefined && edited.trim() !== (proposed ?? '').trim();

/** The fields of a proposed act whose value the reviewer changed. */
export function incidentChanges(x: ExtractedIncident, e: IncidentEdit | undefined): (keyof IncidentEdit)[] {
  if (!e) return [];
  const out: (keyof IncidentEdit)[] = [];
  if (e.act !== undefined && e.act !== x.act) out.push('act');
  if (e.count !== undefined && !countsEqual(e.count, proposedCount(x.count))) out.push('count');
  if (e.date !== undefined && !sameDate(completeDate(e.date), proposedDate(x.date))) out.push('date');
  if (e.placeId !== undefined) out.push('placeId');
  if (textChanged(e.perpetrator, x.perpetrator)) out.push('perpetrator');
  if (textChanged(e.victims, x.victims)) out.push('victims');
  if ((e.title ?? '').trim() !== '') out.push('title');
  if ((e.summary ?? '').trim() !== '') out.push('summary');
  return out;
}

export function statementChanges(x: ExtractedStatement, e: StatementEdit | undefined): (keyof StatementEdit)[] {
  if (!e) return [];
  const out: (keyof StatementEdit)[] = [];
  if (textChanged(e.speaker, x.speaker)) out.push('speaker');
  if (textChanged(e.organisation, x.organisation)) out.push('organisation');
  if (textChanged(e.role, x.speaker_role)) out.push('role');
  if (e.stance !== undefined && e.stance !== x.stance) out.push('stance');
  if (textChanged(e.quote, x.quote)) out.push('quote');
  if (textChanged(e.relay, x.reported_by)) out.push('relay');
  return out;
}

/**
 * The proposed acts grouped as ingest groups them into incidents (src/app/ingest.ts
 * groupEpisodes): dated acts whose dates overlap, in the same country, are one incident; undated
 * acts join the one the first act opens. The form uses it to show one title per incident.
 */
export function groupEpisodes(items: readonly ExtractedIncident[]): number[][] {
  const episodes: { start: string | null; end: string | null; country: string | null; items: number[] }[] = [];
  const undated: number[] = [];
  items.forEach((it, i) => {
    const { start, end } = it.date;
    if (start === null || end === null) return undated.push(i);
    const country = it.location.country;
    const e = episodes.find((x) => x.start !== null && x.end !== null && x.country === country && start <= x.end && end >= x.start);
    if (e) {
      e.items.push(i);
      if (start < (e.start ?? start)) e.start = start;
      if (end > (e.end ?? end)) e.end = end;
    } else episodes.push({ start, end, country, items: [i] });
  });
  if (undated.length > 0) {
    const main = episodes.find((e) => e.items.includes(0)) ?? episodes[0];
    if (main) main.items.push(...undated);
    else episodes.push({ start: null, end: null, country: null, items: undated });
  }
  return episodes.map((e) => e.items.sort((a, b) => a - b)).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0));
}

// ---- from proposals to the stored records ----

export interface StoredAct {
  readonly incidentId: string;
  readonly actId: string;
  /** The claims ingest made from this proposal: its own-voice claim, or those of the statements about it. */
  readonly claimIds: readonly string[];
}

export interface Located {
  readonly incidents: ReadonlyMap<number, StoredAct>;
  readonly statements: ReadonlyMap<number, readonly string[]>;
}

interface Stored {
  readonly incidents: readonly Incident[];
  readonly claims: readonly Claim[];
}

const spanKey = (o: Offsets | null | undefined): string => (o ? `${o.start}:${o.end}` : '');

/**
 * Which stored act and claims each proposal became. Claims are matched by their evidence span
 * and the type of their act (the proposed type, or the edited one: a second save finds the
 * claims where the first moved them); two proposals of one type in one span are told apart by
 * their figure.
 */
export function locate(proposal: ExtractionResult, stored: Stored, edits: Edits = NO_EDITS): Located {
  const actType = new Map<string, string>();
  for (const inc of stored.incidents) for (const a of inc.acts) actType.set(a.id, a.type);
  const owners = new Map<string, number[]>();
  proposal.incidents.forEach((x, i) => {
    const spans = new Set([spanKey(x.evidence), ...proposal.statements.filter((s) => s.targets.includes(i)).map((s) => spanKey(s.evidence))]);
    const types = new Set([x.act, edits.incidents[`i${i}`]?.act ?? x.act]);
    for (const c of stored.claims) {
      if (!c.actId || !spans.has(spanKey(c.evidence))) continue;
      const type = actType.get(c.actId);
      if (type && types.has(type)) owners.set(c.id, [...(owners.get(c.id) ?? []), i]);
    }
  });
  const claimsOf = new Map<number, Claim[]>();
  for (const c of stored.claims) {
    let mine = owners.get(c.id);
    if (!mine) continue;
    if (mine.length > 1) {
      const byFigure = mine.filter((i) => countsEqual(c.asserts.count, proposedCount((proposal.incidents[i] as ExtractedIncident).count)));
      if (byFigure.length > 0) mine = byFigure;
    }
    for (const i of mine) claimsOf.set(i, [...(claimsOf.get(i) ?? []), c]);
  }
  const incidents = new Map<number, StoredAct>();
  for (const [i, claims] of claimsOf) {
    const first = claims[0] as Claim;
    if (!first.incidentId || !first.actId) continue;
    incidents.set(i, { incidentId: first.incidentId, actId: first.actId, claimIds: claims.filter((c) => c.actId === first.actId).map((c) => c.id) });
  }
  const statements = new Map<number, string[]>();
  proposal.statements.forEach((s, k) => {
    const types = new Set(s.targets.flatMap((t) => [proposal.incidents[t]?.act, edits.incidents[`i${t}`]?.act]).filter((x): x is string => !!x));
    const ids = stored.claims
      .filter((c) => spanKey(c.evidence) === spanKey(s.evidence))
      .filter((c) => (s.targets.length === 0 ? c.actId === null : c.actId === null || types.has(actType.get(c.actId) ?? '')))
      .map((c) => c.id);
    if (ids.length > 0) statements.set(k, ids);
  });
  return { incidents, statements };
}

// ---- the plan ----

/** Where a field error of the API belongs in the form: [path in the request, path of the field]. */
export type PathMap = readonly (readonly [string, string])[];

/** The form field for a path the API named (`acts.1.date.end` → `i3.date.end`), if any. */
export function fieldFor(paths: PathMap, apiPath: string): string | null {
  for (const [prefix, field] of paths) {
    if (apiPath === prefix) return field;
    if (apiPath.startsWith(`${prefix}.`)) return `${field}${apiPath.slice(prefix.length)}`;
  }
  return null;
}

export interface IncidentStep {
  readonly incidentId: string;
  /** The proposal whose changes this is (for messages that name no field). */
  readonly owner: ItemKey;
  readonly body: IncidentPatch;
  /** The types of the acts `body.acts` appends (they have no id until saved). */
  readonly newActTypes: readonly string[];
  readonly paths: PathMap;
}

export interface SpeakerChange {
  readonly speaker: string;
  readonly organisation: string;
  readonly role: string;
  /** Whether the organisation or the role was changed (an existing person is then updated). */
  readonly organisationChanged: boolean;
  readonly roleChanged: boolean;
}

export interface ClaimStep {
  readonly claimId: string;
  readonly owner: ItemKey;
  readonly patch: ClaimPatch;
  /** The claim moves to an act its incident step appends; its id is known once that is saved. */
  readonly newAct?: { readonly incidentId: string; readonly type: string };
  /** The statement's speaker, to find or record as actors (then speakerId and speakerRole). */
  readonly speaker?: SpeakerChange;
  /** The statement whose speaker or relay this is. */
  readonly statementKey?: ItemKey;
  /** The relay's name ('' for none), to find or record (then relayId). */
  readonly relay?: string;
  readonly paths: PathMap;
}

/** Acts whose every claim moved to another act: removed once the claims have moved. */
export interface CleanupStep {
  readonly incidentId: string;
  readonly owner: ItemKey;
  readonly dropActIds: readonly string[];
}

export interface EditPlan {
  readonly incidents: readonly IncidentStep[];
  readonly claims: readonly ClaimStep[];
  readonly cleanups: readonly CleanupStep[];
  /** Changed proposals with no stored record to apply the changes to. */
  readonly unmatched: readonly ItemKey[];
}

interface ActDraft {
  id?: string;
  type: string;
  victims: string | null;
  perpetrators: string | null;
  date: FuzzyDate;
  placeId: string | null;
  involvements: { actorId: string; degree: string }[];
}

const orNull = (s: string | undefined): string | null => (s && s.trim() !== '' ? s.trim() : null);
const firstPlace = (acts: readonly { placeId?: string | null }[]): string | null => acts.map((a) => a.placeId ?? null).find((p) => p !== null) ?? null;

interface ClaimDraft {
  patch: ClaimPatch;
  owner: ItemKey;
  newAct?: { incidentId: string; type: string };
  speaker?: SpeakerChange;
  statementKey?: ItemKey;
  relay?: string;
  paths: [string, string][];
}

/**
 * The requests that apply the reviewer's changes to the stored proposals: one PATCH per changed
 * incident (its acts replaced, ids kept), one per changed claim, then the removal of acts left
 * without claims. Rejected proposals are not changed. Each request keeps the map from the paths
 * the API may name in a 400 to the fields of the form.
 */
export function planEdits(proposal: ExtractionResult, edits: Edits, stored: Stored, decision: (key: ItemKey) => ReviewDecision): EditPlan {
  const located = locate(proposal, stored, edits);
  const active = (key: ItemKey): boolean => decision(key) !== 'rejected';
  const editOf = (i: number): IncidentEdit | undefined => (active(`i${i}`) ? edits.incidents[`i${i}`] : undefined);
  const valuesOf = (i: number): IncidentValues => incidentValues(proposal.incidents[i] as ExtractedIncident, editOf(i));
  const claimsById = new Map(stored.claims.map((c) => [c.id, c]));
  const drafts = new Map<string, ClaimDraft>();
  const draftOf = (c: Claim, owner: ItemKey): ClaimDraft => {
    let d = drafts.get(c.id);
    if (!d) {
      d = { patch: {}, owner, paths: [] };
      drafts.set(c.id, d);
    }
    return d;
  };
  const assert = (c: Claim, d: ClaimDraft, change: Partial<Claim['asserts']>): void => {
    d.patch = { ...d.patch, asserts: { ...c.asserts, ...(d.patch.asserts ?? {}), ...change } };
  };
  const incidentSteps: IncidentStep[] = [];
  const cleanups: CleanupStep[] = [];
  const unmatched: ItemKey[] = [];

  proposal.incidents.forEach((x, i) => {
    if (incidentChanges(x, editOf(i)).length > 0 && !located.incidents.has(i)) unmatched.push(`i${i}`);
  });

  for (const inc of stored.incidents) {
    const items = [...located.incidents].filter(([, r]) => r.incidentId === inc.id).map(([i]) => i);
    const changed = items.filter((i) => incidentChanges(proposal.incidents[i] as ExtractedIncident, editOf(i)).length > 0);
    if (changed.length === 0) continue;
    const acts: ActDraft[] = inc.acts.map((a) => ({
      id: a.id,
      type: a.type,
      victims: a.victims,
      perpetrators: a.perpetrators,
      date: a.date,
      placeId: a.placeId,
      involvements: a.involvements.map((v) => ({ actorId: v.actorId, degree: v.degree })),
    }));
    const original = JSON.stringify(acts);
    const indexOf = new Map(inc.acts.map((a, k) => [a.id, k]));
    const memberOf = new Map(items.map((i) => [i, indexOf.get(located.incidents.get(i)?.actId ?? '') ?? -1]));
    const claimAct = new Map<string, number>();
    for (const c of stored.claims) if (c.incidentId === inc.id && c.actId && indexOf.has(c.actId)) claimAct.set(c.id, indexOf.get(c.actId) as number);
    const newActTypes: string[] = [];
    const datesToRedo = new Set<number>();
    const body: IncidentPatch = {};
    const paths: [string, string][] = [];
    const owner: ItemKey = `i${changed[0] as number}`;
    let placeKey: ItemKey | null = null;
    let dateKey: ItemKey | null = null;

    for (const i of changed) {
      const key: ItemKey = `i${i}`;
      const x = proposal.incidents[i] as ExtractedIncident;
      const e = editOf(i) as IncidentEdit;
      const what = new Set(incidentChanges(x, e));
      const rec = located.incidents.get(i) as StoredAct;
      const cur = memberOf.get(i) ?? -1;
      if (cur < 0) continue;
      let target = cur;
      const mine = new Set(rec.claimIds);
      if (what.has('act') && e.act !== undefined && e.act !== (acts[cur] as ActDraft).type) {
        const others = [...claimAct].some(([id, k]) => k === cur && !mine.has(id));
        const existing = acts.findIndex((a, k) => k !== cur && a.type === e.act);
        if (existing >= 0) target = existing;
        else if (!others) (acts[cur] as ActDraft).type = e.act;
        else {
          const from = acts[cur] as ActDraft;
          acts.push({ type: e.act, victims: null, perpetrators: null, date: from.date, placeId: from.placeId, involvements: [] });
          newActTypes.push(e.act);
          target = acts.length - 1;
        }
        if (target !== cur) {
          for (const id of mine) claimAct.set(id, target);
          memberOf.set(i, target);
          datesToRedo.add(cur);
          datesToRedo.add(target);
          const to = acts[target] as ActDraft;
          for (const id of rec.claimIds) {
            const c = claimsById.get(id);
            if (!c) continue;
            const d = draftOf(c, key);
            if (to.id) d.patch = { ...d.patch, incidentId: inc.id, actId: to.id };
            else d.newAct = { incidentId: inc.id, type: to.type };
            d.paths.push(['actId', `${key}.act`], ['incidentId', `${key}.act`]);
          }
        }
      }
      const act = acts[target] as ActDraft;
      if (what.has('victims')) act.victims = orNull(e.victims);
      if (what.has('perpetrator')) act.perpetrators = orNull(e.perpetrator);
      if (what.has('placeId')) {
        act.placeId = e.placeId ?? null;
        placeKey ??= key;
      }
      if (what.has('date')) {
        datesToRedo.add(target);
        dateKey ??= key;
      }
      paths.push(
        [`acts.${target}.type`, `${key}.act`],
        [`acts.${target}.victims`, `${key}.victims`],
        [`acts.${target}.perpetrators`, `${key}.perpetrator`],
        [`acts.${target}.placeId`, `${key}.placeId`],
        [`acts.${target}.date`, `${key}.date`],
      );
      if (what.has('title')) {
        body.title = (e.title as string).trim();
        paths.push(['title', `${key}.title`]);
      }
      if (what.has('summary')) {
        body.summary = (e.summary as string).trim();
        paths.push(['summary', `${key}.summary`]);
      }
      // What the claims assert: the figure (supporting claims only) and the date.
      for (const id of rec.claimIds) {
        const c = claimsById.get(id);
        if (!c) continue;
        const d = draftOf(c, key);
        if (what.has('count') && c.asserts.count !== null) {
          assert(c, d, { count: e.count ?? null });
          d.paths.push(['asserts.count', `${key}.count`]);
        }
        if (what.has('date') && e.date) {
          const date = completeDate(e.date);
          assert(c, d, { date: date.precision === 'unknown' ? null : date });
          d.paths.push(['asserts.date', `${key}.date`]);
        }
      }
    }

    // An act's date spans those of the proposals it holds (as ingest made it).
    for (const k of datesToRedo) {
      const members = items.filter((i) => memberOf.get(i) === k);
      if (members.length === 0) continue;
      (acts[k] as ActDraft).date = dateEnvelope(members.map((i) => completeDate(valuesOf(i).date)));
    }
    // Acts left without claims: those whose claims moved away (or, in an incident still proposed,
    // that a save which failed half-way left empty).
    const emptied = acts.filter(
      (a, k) => a.id && ![...claimAct.values()].includes(k) && (stored.claims.some((c) => c.actId === a.id) || inc.review === 'proposed'),
    );
    const kept = acts.filter((a) => !emptied.includes(a));
    if (placeKey && (inc.placeId ?? null) === firstPlace(inc.acts)) {
      const next = firstPlace(kept);
      if (next !== inc.placeId) body.placeId = next;
      paths.push(['placeId', `${placeKey}.placeId`]);
    }
    if (datesToRedo.size > 0 && sameDate(inc.date, dateEnvelope(inc.acts.map((a) => a.date)))) {
      const next = dateEnvelope(kept.map((a) => a.date));
      if (!sameDate(next, inc.date)) body.date = next;
      paths.push(['date', `${dateKey ?? owner}.date`]);
    }
    // The types and degrees come from the server's vocabularies (or from the form's pickers of them).
    if (JSON.stringify(acts) !== original) body.acts = acts as ActInput[];
    if (Object.keys(body).length > 0) incidentSteps.push({ incidentId: inc.id, owner, body, newActTypes, paths });
    if (emptied.length > 0) cleanups.push({ incidentId: inc.id, owner, dropActIds: emptied.map((a) => a.id as string) });
  }

  proposal.statements.forEach((s, k) => {
    const key: ItemKey = `s${k}`;
    if (!active(key)) return;
    const e = edits.statements[key];
    const what = new Set(statementChanges(s, e));
    if (what.size === 0 || !e) return;
    const ids = located.statements.get(k);
    if (!ids) return void unmatched.push(key);
    const v = statementValues(s, e);
    for (const id of ids) {
      const c = claimsById.get(id);
      if (!c) continue;
      const d = draftOf(c, key);
      if (what.has('stance')) {
        d.patch = { ...d.patch, stance: v.stance as ClaimPatch['stance'] };
        d.paths.push(['stance', `${key}.stance`]);
        const was = SUPPORTING.has(s.stance);
        const now = SUPPORTING.has(v.stance);
        if (was && !now) assert(c, d, { count: null });
        if (!was && now) {
          const t = s.targets.find((ti) => located.incidents.get(ti)?.actId === c.actId);
          if (t !== undefined) assert(c, d, { count: valuesOf(t).count });
        }
        d.paths.push(['asserts.count', `${key}.stance`]);
      }
      if (what.has('quote')) {
        d.patch = { ...d.patch, quote: orNull(v.quote) };
        d.paths.push(['quote', `${key}.quote`]);
      }
      if (what.has('speaker') || what.has('organisation') || what.has('role')) {
        d.speaker = { speaker: v.speaker.trim(), organisation: v.organisation.trim(), role: v.role.trim(), organisationChanged: what.has('organisation'), roleChanged: what.has('role') };
        d.statementKey = key;
        d.paths.push(['speakerId', v.speaker.trim() ? `${key}.speaker` : `${key}.organisation`], ['speakerRole', `${key}.role`]);
      }
      if (what.has('relay')) {
        d.relay = v.relay.trim();
        d.statementKey = key;
        d.paths.push(['relayId', `${key}.relay`]);
      }
    }
  });

  const claims: ClaimStep[] = [...drafts].map(([claimId, d]) => ({
    claimId,
    owner: d.owner,
    patch: d.patch,
    ...(d.newAct ? { newAct: d.newAct } : {}),
    ...(d.speaker ? { speaker: d.speaker } : {}),
    ...(d.statementKey ? { statementKey: d.statementKey } : {}),
    ...(d.relay !== undefined ? { relay: d.relay } : {}),
    paths: d.paths,
  }));
  return { incidents: incidentSteps, claims: claims.filter((c) => Object.keys(c.patch).length > 0 || c.newAct || c.speaker || c.relay !== undefined), cleanups, unmatched };
}
