/**
 * The extractor's output: exactly the schema of CONVENTIONS.md (shared samples), plus offsets
 * into the input for every evidence sentence and span, the name of the rule behind each
 * proposal, and for statements the incidents they are about (`targets`).
 */
// The proposal schema is a domain type (ingest stores proposals): it lives in src/core.
export * from '../core/proposal.js';
import { EXTRACT_ACTS, EXTRACT_STANCES, QualifierSchema, type ExtractionResult } from '../core/proposal.js';

// ---------------------------------------------------------------- fast output guard
//
// extract() checks its own output against the schema above before returning it (a rule bug must
// fail loudly there, not downstream in ingest). zod's parse rebuilds every object and was a
// noticeable share of the extractor's time, so the same constraints are checked here by hand;
// schema.test.ts keeps the two in step (every output that passes here also parses with zod).

const QUALIFIERS: ReadonlySet<string> = new Set(QualifierSchema.options);
const ACTS: ReadonlySet<string> = new Set(EXTRACT_ACTS);
const STANCES: ReadonlySet<string> = new Set(EXTRACT_STANCES);
const PRECISIONS: ReadonlySet<string> = new Set(['day', 'week', 'month', 'year', 'unknown']);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

class OutputError extends Error {
  constructor(path: string, what: string) {
    super(`extract produced an invalid result at ${path}: ${what}`);
    this.name = 'OutputError';
  }
}

function str(x: unknown, path: string): void {
  if (typeof x !== 'string') throw new OutputError(path, 'expected a string');
}
function strOrNull(x: unknown, path: string): void {
  if (x !== null && typeof x !== 'string') throw new OutputError(path, 'expected a string or null');
}
function numOrNull(x: unknown, path: string): void {
  if (x !== null && (typeof x !== 'number' || !Number.isFinite(x))) throw new OutputError(path, 'expected a number or null');
}
function natural(x: unknown, path: string): void {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) throw new OutputError(path, 'expected a non-negative integer');
}
function offsets(x: unknown, path: string, nullable: boolean): void {
  if (x === null && nullable) return;
  if (typeof x !== 'object' || x === null) throw new OutputError(path, 'expected offsets');
  const o = x as Record<string, unknown>;
  natural(o.start, `${path}.start`);
  natural(o.end, `${path}.end`);
}
function isoOrNull(x: unknown, path: string): void {
  if (x !== null && (typeof x !== 'string' || !ISO_DAY.test(x))) throw new OutputError(path, 'expected YYYY-MM-DD or null');
}
function oneOf(x: unknown, set: ReadonlySet<string>, path: string): void {
  if (typeof x !== 'string' || !set.has(x)) throw new OutputError(path, `unexpected value ${String(x)}`);
}

/** Throws when `r` does not satisfy ExtractionResultSchema (same constraints, no copying). */
export function assertExtractionResult(r: ExtractionResult): ExtractionResult {
  const s = r.source;
  strOrNull(s.title, 'source.title');
  strOrNull(s.url, 'source.url');
  strOrNull(s.outlet, 'source.outlet');
  if (typeof s.published !== 'string' || !ISO_DAY.test(s.published)) throw new OutputError('source.published', 'expected YYYY-MM-DD');
  if (typeof s.published_inferred !== 'boolean') throw new OutputError('source.published_inferred', 'expected a boolean');
  if (!Array.isArray(r.incidents) || !Array.isArray(r.statements)) throw new OutputError('result', 'expected arrays');
  r.incidents.forEach((inc, i) => {
    const p = `incidents[${i}]`;
    oneOf(inc.act, ACTS, `${p}.act`);
    const c = inc.count;
    oneOf(c.qualifier, QUALIFIERS, `${p}.count.qualifier`);
    numOrNull(c.value, `${p}.count.value`);
    numOrNull(c.min, `${p}.count.min`);
    numOrNull(c.max, `${p}.count.max`);
    strOrNull(c.text, `${p}.count.text`);
    offsets(c.offsets, `${p}.count.offsets`, true);
    const d = inc.date;
    strOrNull(d.text, `${p}.date.text`);
    isoOrNull(d.start, `${p}.date.start`);
    isoOrNull(d.end, `${p}.date.end`);
    oneOf(d.precision, PRECISIONS, `${p}.date.precision`);
    offsets(d.offsets, `${p}.date.offsets`, true);
    const l = inc.location;
    strOrNull(l.text, `${p}.location.text`);
    strOrNull(l.place, `${p}.location.place`);
    if (l.country !== null && (typeof l.country !== 'string' || l.country.length !== 2)) throw new OutputError(`${p}.location.country`, 'expected a two-letter code or null');
    offsets(l.offsets, `${p}.location.offsets`, true);
    strOrNull(inc.perpetrator, `${p}.perpetrator`);
    strOrNull(inc.victims, `${p}.victims`);
    str(inc.evidence_span, `${p}.evidence_span`);
    offsets(inc.evidence, `${p}.evidence`, false);
    str(inc.basis, `${p}.basis`);
  });
  r.statements.forEach((st, i) => {
    const p = `statements[${i}]`;
    strOrNull(st.speaker, `${p}.speaker`);
    strOrNull(st.speaker_role, `${p}.speaker_role`);
    strOrNull(st.organisation, `${p}.organisation`);
    oneOf(st.stance, STANCES, `${p}.stance`);
    str(st.about, `${p}.about`);
    strOrNull(st.quote, `${p}.quote`);
    strOrNull(st.reported_by, `${p}.reported_by`);
    str(st.evidence_span, `${p}.evidence_span`);
    offsets(st.evidence, `${p}.evidence`, false);
    offsets(st.quote_offsets, `${p}.quote_offsets`, true);
    if (!Array.isArray(st.targets)) throw new OutputError(`${p}.targets`, 'expected an array');
    st.targets.forEach((t, k) => natural(t, `${p}.targets[${k}]`));
    str(st.basis, `${p}.basis`);
  });
  return r;
}
