import { z } from 'zod';
import type { Actor } from '../core/actor.js';
import type { Claim } from '../core/claim.js';
import { IdSchema, line, parseInput } from '../core/common.js';
import type { Count } from '../core/count.js';
import { VigilError } from '../core/errors.js';
import { dateEnvelope, formatFuzzyDate, IsoDateSchema, type FuzzyDate } from '../core/fuzzy-date.js';
import { matchPlaceName } from '../core/gazetteer.js';
import type { Incident } from '../core/incident.js';
import type { ExtractedIncident, ExtractedStatement, ExtractionResult } from '../core/proposal.js';
import type { Source } from '../core/source.js';
import { ACT_TYPES, SOURCE_KINDS, label, type ActType, type OrganisationType } from '../core/vocabularies.js';
import { addClaim } from './claims.js';
import { resolveCollectionId } from './collections.js';
import { nowIso, type UseCaseContext } from './context.js';
import { createIncident, getIncident } from './incidents.js';
import { mustGet } from './lookup.js';
import { refreshIncident } from './refresh.js';
import { contentHash, createSource } from './sources.js';

/**
 * Reading the news for the team: a text becomes a Source, and what the extractor proposes
 * becomes incidents, acts and claims marked *proposed*, each claim linked to its evidence by
 * character offsets. Nothing proposed counts (in figures, status or statistics) until a person
 * accepts it. The same text ingested twice into a collection is stored once.
 */

export const ExtractRequestSchema = z
  .object({
    text: z.string(),
    published: IsoDateSchema,
    outlet: line(200).nullable().default(null),
    title: line(500).nullable().default(null),
    url: z.url({ protocol: /^https?$/ }).max(2000).nullable().default(null),
  })
  .strict();
export type ExtractRequest = z.input<typeof ExtractRequestSchema>;

export const IngestRequestSchema = ExtractRequestSchema.extend({
  collectionId: IdSchema.optional(),
  kind: z.enum(SOURCE_KINDS.codes).default('news_article'),
  language: z.string().regex(/^[a-z]{2,3}$/).default('en'),
}).strict();
export type IngestRequest = z.input<typeof IngestRequestSchema>;

export interface IngestResult {
  /** False when this text was already in the collection: nothing new was stored. */
  readonly created: boolean;
  readonly source: Source;
  readonly incidents: Incident[];
  readonly claims: Claim[];
  readonly proposal: ExtractionResult;
}

function extractor(ctx: UseCaseContext) {
  if (!ctx.extractor) throw new VigilError('CONFLICT', 'this installation was started without the text extractor');
  return ctx.extractor;
}

function today(ctx: UseCaseContext): string {
  return ctx.clock.now().toISOString().slice(0, 10);
}

/** Proposes incidents and statements for a text, storing nothing. */
export async function extractText(ctx: UseCaseContext, input: unknown): Promise<ExtractionResult> {
  // The date is checked by the extractor too, but a malformed one must name the field first.
  const req = parseInput(ExtractRequestSchema.extend({ published: z.string() }), input, 'extraction request');
  return extractor(ctx).extract(req, { today: today(ctx) });
}

export async function ingestText(ctx: UseCaseContext, input: unknown): Promise<IngestResult> {
  const req = parseInput(IngestRequestSchema.extend({ published: z.string() }), input, 'ingest request');
  const proposal = extractor(ctx).extract(req, { today: today(ctx) });
  const collectionId = await resolveCollectionId(ctx, req.collectionId);
  const hash = contentHash(req.text);
  const existing = await ctx.repos.sources.findByContentHash(collectionId, hash);
  if (existing) return { created: false, ...(await proposalsOf(ctx, existing)), proposal };

  const source = await createSource(ctx, {
    collectionId,
    kind: req.kind,
    title: req.title ?? proposal.source.title ?? firstWords(req.text),
    outlet: req.outlet,
    url: req.url,
    language: req.language,
    publishedAt: proposal.source.published,
    obtainedAt: today(ctx),
    text: req.text,
  });
  const stored = await new ProposalWriter(ctx, collectionId, source).write(proposal);
  return { created: true, source, ...stored, proposal };
}

function firstWords(text: string): string {
  const first = text.trim().split(/(?<=[.!?])\s/)[0] ?? text;
  return first.length <= 120 ? first.trim() : `${first.slice(0, 117).trim()}…`;
}

async function proposalsOf(ctx: UseCaseContext, source: Source): Promise<{ source: Source; incidents: Incident[]; claims: Claim[] }> {
  const claims = (await ctx.repos.claims.list({ sourceId: source.id }, { limit: 10_000, offset: 0 })).items;
  const incidentIds = [...new Set(claims.map((c) => c.incidentId).filter((i): i is string => i !== null))];
  const incidents: Incident[] = [];
  for (const id of incidentIds) {
    const i = await ctx.repos.incidents.get(id);
    if (i) incidents.push(i);
  }
  return { source, incidents, claims };
}

const SUPPORTING = new Set(['alleges', 'confirms', 'acknowledges']);

interface Episode {
  start: string | null;
  end: string | null;
  country: string | null;
  items: number[];
}

/**
 * Groups the proposed acts into episodes (incidents): dated acts whose dates overlap, in the
 * same country, are one episode; acts the text gives no date for belong to the story's main
 * episode, the one its first act opens.
 */
export function groupEpisodes(items: readonly ExtractedIncident[]): number[][] {
  const episodes: Episode[] = [];
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

function toCount(c: ExtractedIncident['count']): Count {
  if (c.qualifier === 'range') return { qualifier: 'range', value: null, min: c.min, max: c.max };
  if (c.qualifier === 'unspecified' || c.value === null) return { qualifier: 'unspecified', value: null, min: null, max: null };
  return { qualifier: c.qualifier, value: c.value, min: null, max: null };
}

function toDate(d: ExtractedIncident['date']): FuzzyDate | null {
  if (d.start === null || d.end === null || d.precision === 'unknown') return null;
  return { start: d.start, end: d.end, precision: d.precision };
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

const NGO = /\b(network|centre|center|watch|memorial|amnesty|rights|foundation|committee to|ovd-info|viasna|union|association|ngo|group|monitor|coalition|federation)\b/i;
const STATE = /\b(ministry|government|administration|kremlin|police|prosecutor|interior|army|military|security service|court|parliament|president|governor|mayor|authorit)/i;

/** A first guess at an organisation's type from its name; a reviewer can correct it. */
function guessOrganisationType(name: string, asRelay: boolean): OrganisationType {
  if (STATE.test(name)) return /police/i.test(name) ? 'police' : /court/i.test(name) ? 'court' : /ministry/i.test(name) ? 'ministry' : 'government';
  if (NGO.test(name)) return 'ngo';
  return asRelay ? 'media' : 'other';
}

class ProposalWriter {
  private readonly actors = new Map<string, Actor>();

  constructor(
    private readonly ctx: UseCaseContext,
    private readonly collectionId: string,
    private readonly source: Source,
  ) {}

  async write(p: ExtractionResult): Promise<{ incidents: Incident[]; claims: Claim[] }> {
    const episodes = groupEpisodes(p.incidents);
    const actOfItem = new Map<number, { incidentId: string; actId: string }>();
    const incidents: Incident[] = [];
    for (const items of episodes) {
      const created = await this.createEpisode(p, items);
      incidents.push(created.incident);
      for (const [item, actId] of created.actOfItem) actOfItem.set(item, { incidentId: created.incident.id, actId });
    }
    const main = incidents[0] ?? null;

    const claims: Claim[] = [];
    const voiced = new Set<number>();
    for (const s of p.statements) {
      const speaker = await this.speakerOf(s);
      const base = {
        sourceId: this.source.id,
        speakerId: speaker.speakerId,
        speakerRole: speaker.speakerRole,
        relayId: s.reported_by ? (await this.actor(s.reported_by, 'organisation', { relay: true })).id : null,
        stance: s.stance,
        about: clip(s.about.trim() || s.evidence_span.trim(), 2000),
        quote: s.quote,
        evidence: s.evidence,
        review: 'proposed' as const,
      };
      const targets = s.targets.filter((t) => actOfItem.has(t));
      if (targets.length === 0) {
        claims.push(await addClaim(this.ctx, { ...base, incidentId: main?.id ?? null, actId: null }));
        continue;
      }
      for (const t of targets) {
        const item = p.incidents[t]!;
        const where = actOfItem.get(t)!;
        voiced.add(t);
        claims.push(
          await addClaim(this.ctx, {
            ...base,
            incidentId: where.incidentId,
            actId: where.actId,
            asserts: this.assertsOf(item, SUPPORTING.has(s.stance)),
          }),
        );
      }
    }
    // What the text reports in its own voice: the outlet (or the source) is the speaker.
    for (const [i, item] of p.incidents.entries()) {
      if (voiced.has(i)) continue;
      const where = actOfItem.get(i);
      if (!where) continue;
      claims.push(
        await addClaim(this.ctx, {
          sourceId: this.source.id,
          incidentId: where.incidentId,
          actId: where.actId,
          stance: 'alleges',
          about: clip(item.evidence_span.trim(), 2000),
          asserts: this.assertsOf(item, true),
          evidence: item.evidence,
          review: 'proposed',
        }),
      );
    }
    const fresh = await Promise.all(incidents.map((i) => getIncident(this.ctx, i.id)));
    return { incidents: fresh, claims };
  }

  private assertsOf(item: ExtractedIncident, withCount: boolean) {
    return {
      count: withCount ? toCount(item.count) : null,
      date: toDate(item.date),
      placeId: null,
      perpetratorId: null,
    };
  }

  private async placeIdOf(item: ExtractedIncident): Promise<string | null> {
    const name = item.location.place;
    const country = item.location.country;
    const matches = name ? matchPlaceName(name).filter((m) => country === null || m.countryCode === country) : [];
    const code = matches[0]?.code ?? country;
    if (!code) return null;
    return (await this.ctx.repos.places.getByCode(code))?.id ?? null;
  }

  private async createEpisode(p: ExtractionResult, items: number[]): Promise<{ incident: Incident; actOfItem: Map<number, string> }> {
    const byType = new Map<ActType, number[]>();
    for (const i of items) {
      const t = p.incidents[i]!.act as ActType;
      byType.set(t, [...(byType.get(t) ?? []), i]);
    }
    const acts = [];
    for (const [type, members] of byType) {
      const first = p.incidents[members[0]!]!;
      const dates = members.map((m) => toDate(p.incidents[m]!.date)).filter((d): d is FuzzyDate => d !== null);
      acts.push({
        type,
        victims: members.map((m) => p.incidents[m]!.victims).find((v) => v) ?? null,
        perpetrators: members.map((m) => p.incidents[m]!.perpetrator).find((v) => v) ?? null,
        date: dateEnvelope(dates),
        placeId: await this.placeIdOf(first),
      });
    }
    const dated = items.map((i) => toDate(p.incidents[i]!.date)).filter((d): d is FuzzyDate => d !== null);
    const date = dateEnvelope(dated);
    const placeId = acts.map((a) => a.placeId).find((x) => x !== null) ?? null;
    const place = placeId ? await this.ctx.repos.places.get(placeId) : undefined;
    const types = [...byType.keys()];
    const what = types
      .slice(0, 3)
      .map((t, i) => (i === 0 ? label(ACT_TYPES, t) : label(ACT_TYPES, t).toLowerCase()))
      .join(', ');
    const title = clip(
      [`${what}${types.length > 3 ? ' and more' : ''}`, place ? `in ${place.nameEn}` : null, date.precision !== 'unknown' ? formatFuzzyDate(date, 'en') : null]
        .filter(Boolean)
        .join(' '),
      500,
    );
    const incident = await createIncident(this.ctx, {
      collectionId: this.collectionId,
      title,
      summary: clip(items.map((i) => p.incidents[i]!.evidence_span.trim()).filter((s, k, all) => all.indexOf(s) === k).slice(0, 3).join(' '), 20_000),
      date,
      placeId,
      tags: ['proposed by extraction'],
      acts,
      review: 'proposed',
    });
    const actOfItem = new Map<number, string>();
    types.forEach((t, k) => {
      for (const i of byType.get(t)!) actOfItem.set(i, incident.acts[k]!.id);
    });
    return { incident, actOfItem };
  }

  private async speakerOf(s: ExtractedStatement): Promise<{ speakerId: string | null; speakerRole: string | null }> {
    const org = s.organisation ? await this.actor(s.organisation, 'organisation', { relay: false }) : null;
    if (s.speaker) {
      const person = await this.actor(s.speaker, 'person', { parentId: org?.id ?? null, role: s.speaker_role });
      return { speakerId: person.id, speakerRole: null };
    }
    return { speakerId: org?.id ?? null, speakerRole: s.speaker_role ? clip(s.speaker_role, 300) : null };
  }

  /** Finds an actor of the collection by exact name (any case), or creates it. */
  private async actor(
    rawName: string,
    kind: Actor['kind'],
    opts: { relay?: boolean; parentId?: string | null; role?: string | null },
  ): Promise<Actor> {
    const name = clip(rawName.trim(), 300);
    const key = `${kind}:${name.toLowerCase()}`;
    const cached = this.actors.get(key);
    if (cached) return cached;
    const candidates = await this.ctx.repos.actors.list({ collectionIds: [this.collectionId], kind, name }, { limit: 50, offset: 0 });
    const found = candidates.items.find((a) => a.name.toLowerCase() === name.toLowerCase() || a.nameRu?.toLowerCase() === name.toLowerCase());
    const now = nowIso(this.ctx);
    const a: Actor =
      found ??
      ({
        id: this.ctx.ids.newId(),
        collectionId: this.collectionId,
        kind,
        name,
        nameRu: null,
        organisationType: kind === 'organisation' ? guessOrganisationType(name, opts.relay ?? false) : null,
        parentId: opts.parentId ?? null,
        role: kind === 'person' && opts.role ? clip(opts.role, 300) : null,
        notes: 'Added by extraction; check the details.',
        createdAt: now,
        updatedAt: now,
      } satisfies Actor);
    if (!found) await this.ctx.repos.actors.insert(a);
    this.actors.set(key, a);
    return a;
  }
}

export const ReviewDecisionSchema = z.object({ id: IdSchema, decision: z.enum(['accepted', 'rejected']) }).strict();

/**
 * A reviewer accepts or rejects a proposed incident. Rejecting it also rejects the claims still
 * proposed on it; accepting it leaves its claims to be reviewed one by one (or with the source).
 */
export async function reviewIncident(ctx: UseCaseContext, input: unknown): Promise<Incident> {
  const { id, decision } = parseInput(ReviewDecisionSchema, input, 'review');
  const incident = await mustGet((i) => ctx.repos.incidents.get(i), 'INCIDENT_NOT_FOUND', 'incident', id);
  if (decision === 'rejected') {
    for (const c of await ctx.repos.claims.forIncident(id))
      if (c.review === 'proposed') await ctx.repos.claims.update({ ...c, review: 'rejected', updatedAt: nowIso(ctx) });
  }
  // Saved through refreshIncident, which stores the incident with its placement and derived
  // figures in one write (its acts move in or out of statistics with the review state).
  await refreshIncident(ctx, { ...incident, review: decision, updatedAt: nowIso(ctx) });
  return getIncident(ctx, id);
}

/** Accepts or rejects everything still proposed from one source: its claims and the incidents they made. */
export async function reviewSource(ctx: UseCaseContext, input: unknown): Promise<{ claims: number; incidents: number }> {
  const { id, decision } = parseInput(ReviewDecisionSchema, input, 'review');
  await mustGet((i) => ctx.repos.sources.get(i), 'SOURCE_NOT_FOUND', 'source', id);
  const claims = (await ctx.repos.claims.list({ sourceId: id, review: 'proposed' }, { limit: 100_000, offset: 0 })).items;
  const incidentIds = new Set<string>();
  for (const c of claims) {
    await ctx.repos.claims.update({ ...c, review: decision, updatedAt: nowIso(ctx) });
    if (c.incidentId) incidentIds.add(c.incidentId);
  }
  let incidents = 0;
  for (const incidentId of incidentIds) {
    const i = await ctx.repos.incidents.get(incidentId);
    if (!i) continue;
    if (i.review === 'proposed') incidents++;
    await refreshIncident(ctx, i.review === 'proposed' ? { ...i, review: decision, updatedAt: nowIso(ctx) } : i);
  }
  return { claims: claims.length, incidents };
}
