/**
 * From decisions on what the extractor proposed (acts `i0…`, statements `s0…`) to decisions on
 * the records that ingest stored from the same proposal. Ingest makes one claim per statement
 * and act it is about, and one claim in the source's own voice per act it reports; each claim
 * keeps the evidence offsets of the item it came from, which is how they are matched.
 *
 * A claim is rejected when any proposal it comes from was rejected, accepted otherwise; an
 * incident is accepted when any of its matched claims is, rejected when all of them are. A
 * claim that matches no proposal is left undecided (it stays "proposed" for review). When the
 * reviewer changed a proposal's act type, its claims may be on an act of that type (a second
 * save after one that failed half-way): `editedAct` names it, so they are still matched.
 */
import type { Claim, ExtractionResult, Incident, Offsets, ReviewDecision } from './api/types.js';

export type ItemKey = `i${number}` | `s${number}`;

const spanKey = (o: Offsets): string => `${o.start}:${o.end}`;

export function decisionsForStored(
  proposal: ExtractionResult,
  stored: { incidents: readonly Incident[]; claims: readonly Claim[] },
  decision: (key: ItemKey) => ReviewDecision,
  /** The act type a reviewer gave a proposal, if they changed it (its claims may be on such an act). */
  editedAct: (index: number) => string | undefined = () => undefined,
): { claims: Map<string, ReviewDecision>; incidents: Map<string, ReviewDecision> } {
  type Candidate = { key: ItemKey; act?: string; edited?: string | undefined; targets?: readonly number[] };
  const bySpan = new Map<string, Candidate[]>();
  const add = (o: Offsets, v: Candidate): void => {
    const k = spanKey(o);
    bySpan.set(k, [...(bySpan.get(k) ?? []), v]);
  };
  proposal.incidents.forEach((x, i) => add(x.evidence, { key: `i${i}`, act: x.act, edited: editedAct(i) }));
  proposal.statements.forEach((x, i) => add(x.evidence, { key: `s${i}`, targets: x.targets }));
  const actType = new Map<string, string>();
  for (const inc of stored.incidents) for (const a of inc.acts) actType.set(a.id, a.type);

  const claims = new Map<string, ReviewDecision>();
  for (const c of stored.claims) {
    if (!c.evidence) continue;
    const candidates = bySpan.get(spanKey(c.evidence)) ?? [];
    if (candidates.length === 0) continue;
    const type = c.actId ? actType.get(c.actId) : undefined;
    let relevant = candidates.filter((x) =>
      type
        ? x.act === type ||
          x.edited === type ||
          (x.targets !== undefined && (x.targets.length === 0 || x.targets.some((ti) => proposal.incidents[ti]?.act === type || editedAct(ti) === type)))
        : x.targets !== undefined,
    );
    if (relevant.length === 0) relevant = candidates;
    claims.set(c.id, relevant.some((x) => decision(x.key) === 'rejected') ? 'rejected' : 'accepted');
  }
  const incidents = new Map<string, ReviewDecision>();
  for (const inc of stored.incidents) {
    const mine = stored.claims.filter((c) => c.incidentId === inc.id && claims.has(c.id));
    if (mine.length === 0) continue;
    incidents.set(inc.id, mine.some((c) => claims.get(c.id) === 'accepted') ? 'accepted' : 'rejected');
  }
  return { claims, incidents };
}

