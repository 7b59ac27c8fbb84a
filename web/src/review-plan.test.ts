import { describe, expect, it } from 'vitest';
import type { Claim, ExtractionResult, Incident } from './api/types.js';
import { decisionsForStored, type ItemKey } from './review-plan.js';

const span = (start: number, end: number) => ({ start, end });
const count = { qualifier: 'exact' as const, value: 1, min: null, max: null, text: null, offsets: null };
const date = { text: null, start: null, end: null, precision: 'unknown' as const, offsets: null };

const proposal = {
  source: { title: null, url: null, outlet: null, published: '2019-01-14', published_inferred: false },
  incidents: [
    { act: 'killing', count, date, location: { text: null, place: null, country: null, offsets: null }, perpetrator: null, victims: null, evidence_span: '', evidence: span(0, 50), basis: '' },
    { act: 'detention', count, date, location: { text: null, place: null, country: null, offsets: null }, perpetrator: null, victims: null, evidence_span: '', evidence: span(0, 50), basis: '' },
    { act: 'detention', count, date, location: { text: null, place: null, country: null, offsets: null }, perpetrator: null, victims: null, evidence_span: '', evidence: span(60, 90), basis: '' },
  ],
  statements: [
    { speaker: 'K', speaker_role: null, organisation: null, stance: 'denies', about: 'x', quote: null, reported_by: 'RT', evidence_span: '', evidence: span(100, 140), quote_offsets: null, targets: [], basis: '' },
  ],
} as unknown as ExtractionResult;

const incident = (id: string, acts: [string, string][]) => ({ id, acts: acts.map(([actId, type]) => ({ id: actId, type })) }) as unknown as Incident;
const claim = (id: string, incidentId: string, actId: string | null, evidence: { start: number; end: number } | null) => ({ id, incidentId, actId, evidence }) as unknown as Claim;

const stored = {
  incidents: [incident('I1', [['A-kill', 'killing'], ['A-det', 'detention']]), incident('I2', [['A-det2', 'detention']])],
  claims: [
    claim('c-kill', 'I1', 'A-kill', span(0, 50)),
    claim('c-det', 'I1', 'A-det', span(0, 50)),
    claim('c-denial', 'I1', null, span(100, 140)),
    claim('c-det2', 'I2', 'A-det2', span(60, 90)),
    claim('c-unknown', 'I2', null, span(200, 210)),
  ],
};

const decide = (rejected: ItemKey[]) => (k: ItemKey) => (rejected.includes(k) ? 'rejected' : 'accepted');

describe('decisionsForStored', () => {
  it('accepts everything accepted, and leaves a claim no proposal explains undecided', () => {
    const plan = decisionsForStored(proposal, stored, decide([]));
    expect(Object.fromEntries(plan.claims)).toEqual({ 'c-kill': 'accepted', 'c-det': 'accepted', 'c-denial': 'accepted', 'c-det2': 'accepted' });
    expect(Object.fromEntries(plan.incidents)).toEqual({ I1: 'accepted', I2: 'accepted' });
  });

  it('rejects only the claims of the act rejected when two acts share a sentence', () => {
    const plan = decisionsForStored(proposal, stored, decide(['i0']));
    expect(plan.claims.get('c-kill')).toBe('rejected');
    expect(plan.claims.get('c-det')).toBe('accepted');
    expect(plan.incidents.get('I1')).toBe('accepted');
  });

  it('rejects an incident whose every matched claim was rejected', () => {
    const plan = decisionsForStored(proposal, stored, decide(['i2']));
    expect(plan.claims.get('c-det2')).toBe('rejected');
    expect(plan.incidents.get('I2')).toBe('rejected');
  });

  it('maps a statement about the incident as a whole to its claim', () => {
    const plan = decisionsForStored(proposal, stored, decide(['s0']));
    expect(plan.claims.get('c-denial')).toBe('rejected');
    expect(plan.claims.get('c-kill')).toBe('accepted');
  });
});

describe('decisionsForStored after a change of act type', () => {
  it('finds the claims of a proposal on an act of the type the reviewer gave it', () => {
    const moved = {
      incidents: [incident('I1', [['A-kill', 'killing'], ['A-det', 'detention'], ['A-abd', 'abduction']]), incident('I2', [['A-det2', 'detention']])],
      claims: stored.claims.map((c) => (c.id === 'c-det' ? claim('c-det', 'I1', 'A-abd', span(0, 50)) : c)),
    };
    const plan = decisionsForStored(proposal, moved, decide(['i0']), (i) => (i === 1 ? 'abduction' : undefined));
    expect(plan.claims.get('c-det')).toBe('accepted');
    expect(plan.claims.get('c-kill')).toBe('rejected');
  });
});
