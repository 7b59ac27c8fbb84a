import { describe, expect, it } from 'vitest';
import type { Claim, ExtractionResult, Incident } from './api/types.js';
import { fieldFor, groupEpisodes, incidentChanges, locate, planEdits, statementChanges, type Edits } from './proposal-edits.js';
import type { ItemKey } from './review-plan.js';

const span = (start: number, end: number) => ({ start, end });
const count = (qualifier: string, value: number | null) => ({ qualifier, value, min: null, max: null, text: null, offsets: null });
const day = (d: string) => ({ text: null, start: d, end: d, precision: 'day', offsets: null });
const where = { text: 'Chechnya', place: 'Chechnya', country: 'RU', offsets: null };
const item = (act: string, c: ReturnType<typeof count>, evidence: { start: number; end: number }, date = day('2019-01-14')) => ({
  act,
  count: c,
  date,
  location: where,
  perpetrator: null,
  victims: null,
  evidence_span: '',
  evidence,
  basis: '',
});

/** i0 killing and i1 detention in one sentence (s0 is about both), i2 a second detention (own voice). */
const proposal = {
  source: { title: null, url: null, outlet: null, published: '2019-01-14', published_inferred: false },
  incidents: [item('killing', count('at_least', 2), span(0, 50)), item('detention', count('exact', 40), span(0, 50)), item('detention', count('exact', 1), span(60, 90), day('2019-01-10'))],
  statements: [
    { speaker: null, speaker_role: 'activists', organisation: null, stance: 'alleges', about: 'x', quote: null, reported_by: 'Network', evidence_span: '', evidence: span(0, 50), quote_offsets: null, targets: [0, 1], basis: '' },
    { speaker: 'Alvi Kraimov', speaker_role: 'spokesperson', organisation: null, stance: 'denies', about: 'y', quote: 'no', reported_by: 'RT', evidence_span: '', evidence: span(100, 140), quote_offsets: null, targets: [], basis: '' },
  ],
} as unknown as ExtractionResult;

const unknown = { start: null, end: null, precision: 'unknown' as const };
const asserts = (c: { qualifier: string; value: number } | null, date: string | null = '2019-01-14') => ({
  count: c ? { ...c, min: null, max: null } : null,
  date: date ? { start: date, end: date, precision: 'day' } : null,
  placeId: null,
  perpetratorId: null,
});
const act = (id: string, type: string, date = '2019-01-14') => ({ id, type, victims: null, perpetrators: null, date: { start: date, end: date, precision: 'day' }, placeId: 'P-chechnya', involvements: [] });

const incident = {
  id: 'I1',
  review: 'proposed',
  placeId: 'P-chechnya',
  date: { start: '2019-01-10', end: '2019-01-14', precision: 'day' },
  acts: [act('A-kill', 'killing'), { ...act('A-det', 'detention'), date: { start: '2019-01-10', end: '2019-01-14', precision: 'day' } }],
} as unknown as Incident;

const claim = (id: string, actId: string | null, evidence: { start: number; end: number }, a: ReturnType<typeof asserts>, stance = 'alleges') =>
  ({ id, incidentId: 'I1', actId, evidence, asserts: a, stance }) as unknown as Claim;

const stored = {
  incidents: [incident],
  claims: [
    claim('c-kill', 'A-kill', span(0, 50), asserts({ qualifier: 'at_least', value: 2 })),
    claim('c-det40', 'A-det', span(0, 50), asserts({ qualifier: 'exact', value: 40 })),
    claim('c-det1', 'A-det', span(60, 90), asserts({ qualifier: 'exact', value: 1 }, '2019-01-10')),
    claim('c-denial', null, span(100, 140), asserts(null, null), 'denies'),
  ],
};

const accept = (): 'accepted' => 'accepted';
const edits = (incidents: Edits['incidents'], statements: Edits['statements'] = {}): Edits => ({ incidents, statements });

describe('locating the stored records of each proposal', () => {
  it('finds the act and the claims of each proposed act, and the claims of each statement', () => {
    const l = locate(proposal, stored);
    expect(l.incidents.get(0)).toEqual({ incidentId: 'I1', actId: 'A-kill', claimIds: ['c-kill'] });
    expect(l.incidents.get(1)).toEqual({ incidentId: 'I1', actId: 'A-det', claimIds: ['c-det40'] });
    expect(l.incidents.get(2)).toEqual({ incidentId: 'I1', actId: 'A-det', claimIds: ['c-det1'] });
    expect(l.statements.get(0)).toEqual(['c-kill', 'c-det40']);
    expect(l.statements.get(1)).toEqual(['c-denial']);
  });

  it('finds the claims on an act of the edited type (where an earlier save moved them)', () => {
    const moved = { ...stored, incidents: [{ ...incident, acts: [...incident.acts, act('A-abd', 'abduction')] } as unknown as Incident], claims: stored.claims.map((c) => (c.id === 'c-det40' ? { ...c, actId: 'A-abd' } : c)) };
    expect(locate(proposal, moved, edits({ i1: { act: 'abduction' } })).incidents.get(1)).toEqual({ incidentId: 'I1', actId: 'A-abd', claimIds: ['c-det40'] });
  });

  it('groups the acts into incidents as ingest does: overlapping dates in one country, the undated with the first', () => {
    expect(groupEpisodes(proposal.incidents)).toEqual([[0, 1], [2]]);
    const undated = { ...proposal.incidents[2]!, date: { text: null, start: null, end: null, precision: 'unknown' as const, offsets: null } };
    expect(groupEpisodes([...proposal.incidents, undated])).toEqual([[0, 1, 3], [2]]);
  });
});

describe('what counts as a change', () => {
  it('ignores values set back to what was proposed', () => {
    const x = proposal.incidents[1]!;
    expect(incidentChanges(x, { count: { qualifier: 'exact', value: 40, min: null, max: null }, perpetrator: ' ', act: 'detention' })).toEqual([]);
    expect(incidentChanges(x, { count: { qualifier: 'at_least', value: 41, min: null, max: null }, perpetrator: 'police' })).toEqual(['count', 'perpetrator']);
    expect(incidentChanges(x, { date: { start: '2019-01-14', end: null, precision: 'day' } })).toEqual([]);
    expect(statementChanges(proposal.statements[1]!, { relay: 'RT', stance: 'denies', quote: 'no ' })).toEqual([]);
  });
});

describe('the plan that applies the changes', () => {
  it('changes the figure on the claims that assert it, keeping their other assertions, and leaves the incident alone', () => {
    const plan = planEdits(proposal, edits({ i1: { count: { qualifier: 'at_least', value: 41, min: null, max: null } } }), stored, accept);
    expect(plan.incidents).toEqual([]);
    expect(plan.claims).toHaveLength(1);
    const step = plan.claims[0]!;
    expect(step.claimId).toBe('c-det40');
    expect(step.patch).toEqual({ asserts: { ...asserts({ qualifier: 'at_least', value: 41 }) } });
    expect(fieldFor(step.paths, 'asserts.count.value')).toBe('i1.count.value');
  });

  it('names the perpetrators on the stored act, every act kept by its id', () => {
    const plan = planEdits(proposal, edits({ i1: { perpetrator: 'Chechen police' } }), stored, accept);
    expect(plan.claims).toEqual([]);
    const step = plan.incidents[0]!;
    expect(step.incidentId).toBe('I1');
    expect(step.body.acts?.map((a) => [a.id, a.perpetrators])).toEqual([
      ['A-kill', null],
      ['A-det', 'Chechen police'],
    ]);
    expect(fieldFor(step.paths, 'acts.1.perpetrators')).toBe('i1.perpetrator');
    expect(fieldFor(step.paths, 'acts.0.type')).toBeNull();
  });

  it('moves a proposal to a new act when it shares its act with another, and changes the act in place when it does not', () => {
    const split = planEdits(proposal, edits({ i1: { act: 'abduction' } }), stored, accept);
    expect(split.incidents[0]!.body.acts?.map((a) => [a.id, a.type])).toEqual([
      ['A-kill', 'killing'],
      ['A-det', 'detention'],
      [undefined, 'abduction'],
    ]);
    expect(split.incidents[0]!.newActTypes).toEqual(['abduction']);
    // The detention act now spans only the proposal it keeps.
    expect(split.incidents[0]!.body.acts?.[1]?.date).toEqual({ start: '2019-01-10', end: '2019-01-10', precision: 'day' });
    expect(split.claims.map((c) => [c.claimId, c.newAct])).toEqual([['c-det40', { incidentId: 'I1', type: 'abduction' }]]);
    expect(split.cleanups).toEqual([]);

    const inPlace = planEdits(proposal, edits({ i0: { act: 'injury' } }), stored, accept);
    expect(inPlace.incidents[0]!.body.acts?.map((a) => [a.id, a.type])).toEqual([
      ['A-kill', 'injury'],
      ['A-det', 'detention'],
    ]);
    expect(inPlace.claims).toEqual([]);
  });

  it('joins an act of the same type when there is one, and removes the act left empty', () => {
    const plan = planEdits(proposal, edits({ i0: { act: 'detention' } }), stored, accept);
    expect(plan.claims.map((c) => [c.claimId, c.patch.actId, c.patch.incidentId])).toEqual([['c-kill', 'A-det', 'I1']]);
    expect(plan.cleanups).toEqual([{ incidentId: 'I1', owner: 'i0', dropActIds: ['A-kill'] }]);
  });

  it('gives a shared act the envelope of its proposals’ dates, and the incident that of its acts', () => {
    const plan = planEdits(proposal, edits({ i2: { date: { start: '2019-01-01', end: null, precision: 'month' } } }), stored, accept);
    const step = plan.incidents[0]!;
    expect(step.body.acts?.[1]?.date).toEqual({ start: '2019-01-01', end: '2019-01-31', precision: 'month' });
    expect(step.body.date).toEqual({ start: '2019-01-01', end: '2019-01-31', precision: 'month' });
    expect(plan.claims.map((c) => [c.claimId, c.patch.asserts?.date])).toEqual([['c-det1', { start: '2019-01-01', end: '2019-01-31', precision: 'month' }]]);
    expect(fieldFor(step.paths, 'acts.1.date.end')).toBe('i2.date.end');
  });

  it('gives the incident the title and summary typed on one of its acts', () => {
    const plan = planEdits(proposal, edits({ i0: { title: ' Crackdown in Chechnya ', summary: '' } }), stored, accept);
    expect(plan.incidents[0]!.body).toEqual({ title: 'Crackdown in Chechnya' });
    expect(fieldFor(plan.incidents[0]!.paths, 'title')).toBe('i0.title');
  });

  it('drops the figure of a statement that no longer supports the act, and changes who made it', () => {
    const plan = planEdits(proposal, edits({}, { s0: { stance: 'denies' }, s1: { speaker: 'Alvi Karimov', relay: '' } }), stored, accept);
    const byId = new Map(plan.claims.map((c) => [c.claimId, c]));
    expect(byId.get('c-kill')?.patch).toEqual({ stance: 'denies', asserts: { ...asserts(null) } });
    expect(byId.get('c-det40')?.patch.asserts?.count).toBeNull();
    const denial = byId.get('c-denial');
    expect(denial?.speaker).toEqual({ speaker: 'Alvi Karimov', organisation: '', role: 'spokesperson', organisationChanged: false, roleChanged: false });
    expect(denial?.relay).toBe('');
    expect(denial?.statementKey).toBe('s1');
    expect(fieldFor(denial?.paths ?? [], 'relayId')).toBe('s1.relay');
  });

  it('changes nothing of a rejected proposal, and says which changes it cannot place', () => {
    const rejected = (k: ItemKey) => (k === 'i1' ? 'rejected' : 'accepted');
    expect(planEdits(proposal, edits({ i1: { perpetrator: 'x' } }), stored, rejected)).toEqual({ incidents: [], claims: [], cleanups: [], unmatched: [] });
    const nothingStored = { incidents: [], claims: [] };
    expect(planEdits(proposal, edits({ i1: { perpetrator: 'x' } }, { s1: { quote: 'q' } }), nothingStored, accept).unmatched).toEqual(['i1', 's1']);
  });

  it('keeps unknown dates unknown on the claims', () => {
    const plan = planEdits(proposal, edits({ i2: { date: unknown } }), stored, accept);
    expect(plan.claims[0]?.patch.asserts?.date).toBeNull();
  });
});
