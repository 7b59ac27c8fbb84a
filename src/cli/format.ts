/** Human-readable output. `--json` bypasses all of this and prints the use case's result. */
import type { ClaimView, ClaimsBySide, IncidentView, IngestResult, StatsResult } from '../app/index.js';
import type { Actor } from '../core/actor.js';
import type { Claim } from '../core/claim.js';
import { formatCount, type Count } from '../core/count.js';
import { formatFuzzyDate, type FuzzyDate } from '../core/fuzzy-date.js';
import type { Place } from '../core/place.js';
import type { ExtractionResult } from '../core/proposal.js';
import type { SearchResult } from '../core/ports.js';
import type { Source } from '../core/source.js';
import { ACT_TYPES, label, VERIFICATION_STATUSES } from '../core/vocabularies.js';

/** Columns padded to their widest cell; the last column is not padded. */
export function table(headers: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const cells = [headers, ...rows].map((r) => r.map((c) => (c === null ? '—' : String(c).replace(/\s+/g, ' '))));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n') + '\n';
}

export const fmtDate = (d: FuzzyDate): string => (d.precision === 'unknown' ? 'date unknown' : formatFuzzyDate(d, 'en'));
export const fmtCount = (c: Count | null): string => (c ? formatCount(c, 'en') : 'no figure');
const fmtHigh = (h: number | null): string => (h === null ? 'open' : String(h));

export function placeName(p: Place | undefined): string | null {
  if (!p) return null;
  return p.code ? `${p.nameEn} (${p.code})` : p.nameEn;
}

function who(v: ClaimView): string {
  const parts: string[] = [];
  if (v.speaker) {
    const extra = [v.speaker.role, v.organisation?.name].filter(Boolean).join(', ');
    parts.push(extra ? `${v.speaker.name} (${extra})` : v.speaker.name);
  } else if (v.claim.speakerRole) {
    parts.push(v.claim.speakerRole);
  } else {
    parts.push(v.source?.outlet ? `${v.source.outlet} (own reporting)` : 'the source itself');
  }
  return parts.join('');
}

function claimLines(v: ClaimView, mark: string, indent: string): string[] {
  const c = v.claim;
  const figure = c.asserts.count && c.asserts.count.qualifier !== 'unspecified' ? ` [${fmtCount(c.asserts.count)}]` : '';
  const review = c.review === 'accepted' ? '' : ` (${c.review})`;
  const lines = [`${indent}${mark} ${c.stance}${figure}${review}: ${c.about}`];
  if (c.quote) lines.push(`${indent}    “${c.quote}”`);
  const src = v.source ? [v.source.outlet, v.source.publishedAt, `“${v.source.title}”`].filter(Boolean).join(', ') : 'unknown source';
  lines.push(`${indent}    speaker: ${who(v)}`);
  if (v.relay) lines.push(`${indent}    relay: ${v.relay.name}`);
  lines.push(`${indent}    source: ${src}`);
  lines.push(`${indent}    claim ${c.id}`);
  return lines;
}

function sideLines(s: ClaimsBySide, indent: string): string[] {
  const out: string[] = [];
  const group = (title: string, views: ClaimView[], mark: string): void => {
    if (views.length === 0) return;
    out.push(`${indent}${title} (${views.length}):`);
    for (const v of views) out.push(...claimLines(v, mark, `${indent}  `));
  };
  group('supporting', s.supporting, '+');
  group('denying', s.denying, '−');
  group('other statements', s.other, '·');
  if (out.length === 0) out.push(`${indent}no claims`);
  return out;
}

/** Replaces `actor:<id>` and `outlet:<x>` origin keys in derivation reasons with names. */
function originNames(views: readonly ClaimView[]): (text: string) => string {
  const names = new Map<string, string>();
  for (const v of views) {
    for (const a of [v.speaker, v.organisation, v.relay]) if (a) names.set(`actor:${a.id}`, a.name);
  }
  return (text) =>
    text
      .replace(/actor:[0-9a-f-]{36}/g, (m) => names.get(m) ?? m)
      .replace(/outlet:([^,)]+)/g, (_m, o: string) => `outlet “${o}”`);
}

/** The incident with each act's reconciled figure and, beside it, the claims for and against. */
export function formatIncidentView(view: IncidentView, places: ReadonlyMap<string, Place>): string {
  const i = view.incident;
  const names = originNames(view.timeline);
  const lines: string[] = [i.title, ''];
  lines.push(`  id       ${i.id}`);
  lines.push(`  date     ${fmtDate(i.date)}`);
  lines.push(`  place    ${placeName(i.placeId ? places.get(i.placeId) : undefined) ?? 'unknown'}`);
  lines.push(`  status   ${i.status} (${label(VERIFICATION_STATUSES, i.status)})`);
  for (const r of i.derivation.reasons) lines.push(`           - ${names(r)}`);
  if (i.tags.length > 0) lines.push(`  tags     ${i.tags.join(', ')}`);
  if (i.summary) lines.push(`  summary  ${i.summary}`);
  lines.push('', 'Acts');
  if (i.acts.length === 0) lines.push('  none');
  for (const [n, a] of i.acts.entries()) {
    const r = a.reconciled;
    const where = a.placeId ? `, ${placeName(places.get(a.placeId)) ?? a.placeId}` : '';
    lines.push('', `  ${n + 1}. ${label(ACT_TYPES, a.type)} (${a.type}) — ${fmtDate(a.date)}${where}`);
    lines.push(`     act ${a.id}`);
    if (a.victims) lines.push(`     victims: ${a.victims}`);
    if (a.perpetrators) lines.push(`     perpetrators: ${a.perpetrators}`);
    lines.push(`     count: ${fmtCount(r.count)} (low ${r.low}, high ${fmtHigh(r.high)})${r.conflict ? ' — sources disagree' : ''}`);
    if (r.figures.length > 1)
      for (const f of r.figures) lines.push(`       figure ${fmtCount(f.count)}: ${f.claimIds.length} claim(s), from ${f.origins.map(names).join(', ')}`);
    lines.push(...sideLines(view.actClaims[a.id] ?? { supporting: [], denying: [], other: [] }, '     '));
  }
  lines.push('', 'Claims about the incident as a whole');
  lines.push(...sideLines(view.incidentClaims, '  '));
  return lines.join('\n') + '\n';
}

export function formatSource(s: Source): string {
  const rows: [string, string | null][] = [
    ['id', s.id],
    ['kind', s.kind],
    ['title', s.title],
    ['outlet', s.outlet],
    ['author', s.author],
    ['url', s.url],
    ['language', s.language],
    ['published', s.publishedAt],
    ['obtained', s.obtainedAt],
    ['reliability', s.reliability],
    ['collection', s.collectionId],
  ];
  const out = rows.filter(([, v]) => v !== null).map(([k, v]) => `${k.padEnd(12)}${v}`);
  if (s.notes) out.push(`${'notes'.padEnd(12)}${s.notes}`);
  if (s.text) out.push('', s.text);
  return out.join('\n') + '\n';
}

export function formatClaim(c: Claim, actors: ReadonlyMap<string, Actor>, source: Source | undefined): string {
  const actor = (id: string | null): string | null => (id === null ? null : (actors.get(id)?.name ?? id));
  const rows: [string, string | null][] = [
    ['id', c.id],
    ['stance', c.stance],
    ['about', c.about],
    ['quote', c.quote],
    ['speaker', actor(c.speakerId) ?? c.speakerRole],
    ['relay', actor(c.relayId)],
    ['source', source ? [source.outlet, source.publishedAt, source.title].filter(Boolean).join(', ') : c.sourceId],
    ['incident', c.incidentId],
    ['act', c.actId],
    ['count', c.asserts.count ? fmtCount(c.asserts.count) : null],
    ['date', c.asserts.date ? fmtDate(c.asserts.date) : null],
    ['perpetrator', actor(c.asserts.perpetratorId)],
    ['credibility', c.credibility],
    ['review', c.review],
  ];
  return rows.filter(([, v]) => v !== null).map(([k, v]) => `${k.padEnd(12)}${v}`).join('\n') + '\n';
}

export function formatSearch(r: SearchResult): string {
  const lines = [`${r.total}${r.totalExact ? '' : '+'} result(s)`];
  if (r.hits.length > 0) lines.push(table(['kind', 'id', 'title'], r.hits.map((h) => [h.kind, h.id, h.title])).trimEnd());
  const facet = (name: string, values: readonly { value: string; count: number }[]): void => {
    if (values.length > 0) lines.push(`${name}: ${values.map((v) => `${v.value} (${v.count})`).join(', ')}`);
  };
  facet('act types', r.facets.actType);
  facet('statuses', r.facets.status);
  facet('countries', r.facets.country);
  facet('regions', r.facets.region);
  facet('years', r.facets.year);
  facet('outlets', r.facets.outlet);
  return lines.join('\n') + '\n';
}

export function formatStats(s: StatsResult): string {
  if (s.cells.length === 0) return 'no acts match\n';
  const cells = table(
    ['act type', 'period', 'country', 'region', 'low', 'high', 'incidents', 'acts'],
    s.cells.map((c) => [c.actType, c.period, c.countryCode, c.regionCode, c.low, c.high === null ? 'open' : c.high, c.incidents, c.acts]),
  );
  const totals = table(
    ['act type', 'low', 'high', 'acts'],
    s.totals.map((t) => [t.actType, t.low, t.high === null ? 'open' : t.high, t.acts]),
  );
  return `${cells}\nTotals\n${totals}`;
}

// ---- extraction and ingest ----

const extractedDate = (d: ExtractionResult['incidents'][number]['date']): string =>
  d.start === null || d.end === null || d.precision === 'unknown' ? 'date unknown' : formatFuzzyDate({ start: d.start, end: d.end, precision: d.precision }, 'en');

const extractedCount = (c: ExtractionResult['incidents'][number]['count']): string =>
  c.qualifier === 'unspecified' && c.text ? `unspecified (“${c.text}”)` : fmtCount({ qualifier: c.qualifier, value: c.value, min: c.min, max: c.max });

function clipLine(s: string, max = 160): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

/** A proposal as a reviewer reads it: each act with count, date and place; each statement with who, stance and relay. */
export function formatProposal(p: ExtractionResult): string {
  const src = p.source;
  const head = [src.title ? `“${src.title}”` : null, src.outlet, `published ${src.published}${src.published_inferred ? ' (inferred)' : ''}`].filter(Boolean).join(', ');
  const lines = [`Proposed from ${head}`, '', `Incidents (${p.incidents.length})`];
  if (p.incidents.length === 0) lines.push('  none');
  for (const [n, i] of p.incidents.entries()) {
    const place = i.location.place ? `${i.location.place}${i.location.country ? ` (${i.location.country})` : ''}` : (i.location.country ?? 'place unknown');
    lines.push(`  ${n + 1}. ${i.act} — ${extractedCount(i.count)} — ${extractedDate(i.date)} — ${place}`);
    if (i.victims) lines.push(`     victims: ${clipLine(i.victims)}`);
    if (i.perpetrator) lines.push(`     perpetrator: ${clipLine(i.perpetrator)}`);
    lines.push(`     “${clipLine(i.evidence_span)}”`);
  }
  lines.push('', `Statements (${p.statements.length})`);
  if (p.statements.length === 0) lines.push('  none');
  for (const [n, s] of p.statements.entries()) {
    const name = s.speaker ?? s.organisation ?? s.speaker_role ?? 'the source itself';
    const extra = s.speaker ? [s.speaker_role, s.organisation].filter(Boolean).join(', ') : s.organisation && s.speaker_role ? s.speaker_role : '';
    const speaker = extra ? `${name} (${extra})` : name;
    const about = s.targets.length > 0 ? ` — about incident ${s.targets.map((t) => t + 1).join(', ')}` : '';
    lines.push(`  ${n + 1}. ${speaker} ${s.stance}${s.reported_by ? `, relayed by ${s.reported_by}` : ''}${about}`);
    lines.push(`     “${clipLine(s.quote ?? s.evidence_span)}”`);
  }
  lines.push('', 'Nothing was stored. `vigil ingest` stores the text with these proposals for review.');
  return lines.join('\n') + '\n';
}

/** What ingest stored (or found already stored), with the ids a reviewer needs next. */
export function formatIngest(r: IngestResult): string {
  const lines = [
    r.created
      ? `stored source ${r.source.id} (new)`
      : `source ${r.source.id} already holds this text: nothing new stored (its proposals are listed below)`,
    '',
    `proposed incidents (${r.incidents.length}):`,
  ];
  if (r.incidents.length > 0) lines.push(table(['id', 'review', 'acts', 'title'], r.incidents.map((i) => [i.id, i.review, i.acts.map((a) => a.type).join(', ') || null, i.title])).trimEnd().replace(/^/gm, '  '));
  lines.push('', `proposed claims (${r.claims.length}):`);
  if (r.claims.length > 0) lines.push(table(['id', 'stance', 'review', 'about'], r.claims.map((c) => [c.id, c.stance, c.review, clipLine(c.about, 100)])).trimEnd().replace(/^/gm, '  '));
  lines.push(
    '',
    'Nothing proposed counts until it is accepted:',
    ...r.incidents.slice(0, 3).map((i) => `  vigil incident show ${i.id}`),
    `  vigil review source ${r.source.id} accept|reject`,
  );
  return lines.join('\n') + '\n';
}
