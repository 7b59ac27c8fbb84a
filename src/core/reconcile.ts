/**
 * What an incident "currently says" — its victim figures and its verification status — is
 * derived from its claims by the rules in docs/reconciliation.md, never typed over them.
 * Every function here gives the same answer for the same claims in any order.
 */
import type { Count } from './count.js';
import { boundsOverlap, countBounds, countsEqual } from './count.js';
import type { ReconciledCount, StatusDerivation } from './incident.js';
import type { ReviewDecision, ReviewState, Stance } from './vocabularies.js';

export interface ClaimForReconciliation {
  id: string;
  stance: Stance;
  /** Only 'accepted' claims count; proposed and rejected are ignored. */
  review: ReviewState;
  /** null = about the incident as a whole. */
  actId: string | null;
  /** The figure the claim asserts, if any. */
  count: Count | null;
  /** Independence key, see claimOrigin. */
  origin: string;
  /** ISO timestamp; for deterministic tie-breaks. */
  createdAt: string;
}

export interface SpeakerInfo {
  id: string;
  kind: 'person' | 'organisation';
  parentId: string | null;
}

/** Stances that assert the act happened. */
const SUPPORTING_STANCES: readonly Stance[] = ['alleges', 'confirms', 'acknowledges'];
/** Stances that reject it. promises_investigation, demands_action and other do neither. */
const DENYING_STANCES: readonly Stance[] = ['denies'];

const supports = (c: ClaimForReconciliation): boolean => SUPPORTING_STANCES.includes(c.stance);
const denies = (c: ClaimForReconciliation): boolean => DENYING_STANCES.includes(c.stance);

/**
 * The body behind a claim's original statement, not the outlet that relays it: one NGO report
 * relayed by two newspapers is one origin, so it cannot corroborate itself.
 */
export function claimOrigin(args: {
  speaker: SpeakerInfo | null;
  relayId: string | null;
  sourceOutlet: string | null;
  sourceId: string;
}): string {
  const { speaker, relayId, sourceOutlet, sourceId } = args;
  // A spokesperson or programme director speaks for their organisation.
  if (speaker) return `actor:${speaker.kind === 'person' && speaker.parentId !== null ? speaker.parentId : speaker.id}`;
  // "Activists quoted in a report by the Russian LGBT Network": the Network vouches for them.
  if (relayId !== null) return `actor:${relayId}`;
  const outlet = sourceOutlet?.trim().replace(/\s+/g, ' ').toLowerCase() ?? '';
  return outlet ? `outlet:${outlet}` : `source:${sourceId}`;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Oldest first; claims created in the same instant are ordered by id. */
function byCreation(a: ClaimForReconciliation, b: ClaimForReconciliation): number {
  return cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id);
}

function accepted(claims: readonly ClaimForReconciliation[]): ClaimForReconciliation[] {
  return claims.filter((c) => c.review === 'accepted').sort(byCreation);
}

const distinctSorted = (xs: readonly string[]): string[] => [...new Set(xs)].sort(cmp);

const normalise = (c: Count): Count => ({ qualifier: c.qualifier, value: c.value ?? null, min: c.min ?? null, max: c.max ?? null });

interface Figure {
  count: Count;
  first: ClaimForReconciliation;
  claims: ClaimForReconciliation[];
  origins: string[];
}

/**
 * Most origins first, then the higher lower bound, then the earliest claim. Each claim
 * belongs to one figure and byCreation orders distinct claims totally, so this is a total order.
 */
function rankFigures(a: Figure, b: Figure): number {
  return (
    b.origins.length - a.origins.length ||
    countBounds(b.count).low - countBounds(a.count).low ||
    byCreation(a.first, b.first)
  );
}

/**
 * The victims of one act, as its accepted claims tell them: the figure most independent
 * origins support, every other figure beside it, and the denials.
 */
export function reconcileAct(actId: string, claims: readonly ClaimForReconciliation[]): ReconciledCount {
  const relevant = accepted(claims);
  const supporting = relevant.filter((c) => c.actId === actId && supports(c));
  const denialClaimIds = relevant.filter((c) => (c.actId === actId || c.actId === null) && denies(c)).map((c) => c.id);

  const groups: Figure[] = [];
  for (const claim of supporting) {
    // "Unspecified" says the act happened, not how many it hit: it is support without a figure.
    if (claim.count === null || claim.count.qualifier === 'unspecified') continue;
    const count = claim.count;
    const group = groups.find((g) => countsEqual(g.count, count));
    if (group) group.claims.push(claim);
    else groups.push({ count: normalise(count), first: claim, claims: [claim], origins: [] });
  }
  for (const g of groups) g.origins = distinctSorted(g.claims.map((c) => c.origin));
  groups.sort(rankFigures);

  const figures = groups.map((g) => ({ count: g.count, claimIds: g.claims.map((c) => c.id), origins: g.origins }));
  const conflict = groups.some((a, i) => groups.slice(i + 1).some((b) => !boundsOverlap(a.count, b.count)));
  const top = groups[0];

  if (top) {
    const { low, high } = countBounds(top.count);
    return { count: { ...top.count }, low, high, claimIds: top.claims.map((c) => c.id), figures, conflict, denialClaimIds };
  }
  if (supporting.length > 0) {
    // The act is asserted but nobody says how many: at least one victim, no upper bound.
    return { count: null, low: 1, high: null, claimIds: supporting.map((c) => c.id), figures, conflict, denialClaimIds };
  }
  // Nothing accepted supports the act: it adds 0 to documented totals, and we know no upper bound.
  return { count: null, low: 0, high: null, claimIds: [], figures, conflict, denialClaimIds };
}

function supportReason(origins: readonly string[]): string {
  if (origins.length === 0) return 'no accepted claim supports it';
  if (origins.length === 1) return `1 origin supports it: ${origins[0]}`;
  return `${origins.length} independent origins support it: ${origins.join(', ')}`;
}

/** The incident's verification status and why, from all its accepted claims and a reviewer's decision. */
export function deriveStatus(
  claims: readonly ClaimForReconciliation[],
  reviewDecision: ReviewDecision | null,
): StatusDerivation {
  const relevant = accepted(claims);
  const supportingOrigins = distinctSorted(relevant.filter(supports).map((c) => c.origin));
  const denials = relevant.filter(denies);
  const denialClaimIds = denials.map((c) => c.id);
  const support = supportReason(supportingOrigins);
  const denialReasons = denials.map((c) => `denied by claim ${c.id} (${c.origin})`);

  const result = (status: StatusDerivation['status'], reasons: string[]): StatusDerivation => ({
    status,
    reasons,
    supportingOrigins,
    denialClaimIds,
  });

  if (reviewDecision === 'refuted') return result('refuted', ['a reviewer refuted it', support, ...denialReasons]);
  if (reviewDecision === 'verified') return result('verified', ['a reviewer verified it', support, ...denialReasons]);
  if (denials.length > 0) return result('contested', [...denialReasons, support]);
  if (supportingOrigins.length >= 2) return result('corroborated', [support]);
  if (supportingOrigins.length === 1) return result('alleged', [support]);
  return result('unverified', [support]);
}

/** Status and per-act figures of one incident, in one call. */
export function reconcileIncident(input: {
  actIds: readonly string[];
  claims: readonly ClaimForReconciliation[];
  reviewDecision: ReviewDecision | null;
}): { status: StatusDerivation; acts: Record<string, ReconciledCount> } {
  const acts: Record<string, ReconciledCount> = {};
  for (const actId of input.actIds) acts[actId] = reconcileAct(actId, input.claims);
  return { status: deriveStatus(input.claims, input.reviewDecision), acts };
}
