import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Count } from './count.js';
import { ReconciledCountSchema, StatusDerivationSchema } from './incident.js';
import type { ClaimForReconciliation } from './reconcile.js';
import { claimOrigin, deriveStatus, reconcileAct, reconcileIncident } from './reconcile.js';
import type { Stance } from './vocabularies.js';

const exact = (value: number): Count => ({ qualifier: 'exact', value, min: null, max: null });
const atLeast = (value: number): Count => ({ qualifier: 'at_least', value, min: null, max: null });
const about = (value: number): Count => ({ qualifier: 'about', value, min: null, max: null });
const unspecified: Count = { qualifier: 'unspecified', value: null, min: null, max: null };

let seq = 0;
function claim(over: Partial<ClaimForReconciliation> & { stance: Stance; origin: string }): ClaimForReconciliation {
  seq += 1;
  return {
    id: `c${String(seq).padStart(3, '0')}`,
    review: 'accepted',
    actId: 'act',
    count: null,
    createdAt: `2019-01-14T10:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    ...over,
  };
}

describe('claimOrigin (rule 1: independence)', () => {
  const base = { relayId: null, sourceOutlet: null, sourceId: 'src' };
  it('1a: an organisation speaks for itself, whoever relays it', () => {
    expect(claimOrigin({ ...base, speaker: { id: 'rln', kind: 'organisation', parentId: null }, relayId: 'rt' })).toBe('actor:rln');
  });
  it('1b: a person with an organisation speaks for it', () => {
    expect(claimOrigin({ ...base, speaker: { id: 'kochetkov', kind: 'person', parentId: 'rln' } })).toBe('actor:rln');
  });
  it('1c: a person without one speaks for themself', () => {
    expect(claimOrigin({ ...base, speaker: { id: 'witness', kind: 'person', parentId: null } })).toBe('actor:witness');
  });
  it('1d: with no known speaker, the body that relays the statement is its origin', () => {
    expect(claimOrigin({ ...base, speaker: null, relayId: 'rln', sourceOutlet: 'The Moscow Times' })).toBe('actor:rln');
  });
  it('1e: otherwise the outlet (lower-cased, trimmed), else the source itself', () => {
    expect(claimOrigin({ ...base, speaker: null, sourceOutlet: '  The  Moscow Times ' })).toBe('outlet:the moscow times');
    expect(claimOrigin({ ...base, speaker: null, sourceOutlet: '   ' })).toBe('source:src');
    expect(claimOrigin({ ...base, speaker: null })).toBe('source:src');
  });
  it('1f: one NGO report relayed by two outlets is one origin', () => {
    const viaMt = claimOrigin({ speaker: null, relayId: 'rln', sourceOutlet: 'The Moscow Times', sourceId: 's1' });
    const viaNg = claimOrigin({ speaker: null, relayId: 'rln', sourceOutlet: 'Novaya Gazeta', sourceId: 's2' });
    expect(viaMt).toBe(viaNg);
  });
});

describe('which claims count (rules 2–3)', () => {
  it('2: only accepted claims count', () => {
    const claims = [
      claim({ stance: 'alleges', origin: 'actor:a', count: exact(3), review: 'proposed' }),
      claim({ stance: 'alleges', origin: 'actor:b', count: exact(4), review: 'rejected' }),
      claim({ stance: 'denies', origin: 'actor:gov', review: 'proposed' }),
    ];
    const r = reconcileAct('act', claims);
    expect(r).toMatchObject({ count: null, low: 0, high: null, figures: [], denialClaimIds: [] });
    expect(deriveStatus(claims, null).status).toBe('unverified');
  });

  it('3a: alleges, confirms and acknowledges support; the other stances neither support nor deny', () => {
    for (const stance of ['alleges', 'confirms', 'acknowledges'] as const)
      expect(deriveStatus([claim({ stance, origin: 'actor:a' })], null).status).toBe('alleged');
    for (const stance of ['promises_investigation', 'demands_action', 'other'] as const) {
      const claims = [claim({ stance, origin: 'actor:a', count: exact(2) })];
      expect(deriveStatus(claims, null).status).toBe('unverified');
      expect(reconcileAct('act', claims)).toMatchObject({ count: null, low: 0, figures: [], denialClaimIds: [] });
    }
  });

  it('3b: only claims on this act give figures; claims on other acts and on the whole incident do not', () => {
    const claims = [
      claim({ stance: 'alleges', origin: 'actor:a', count: exact(3), actId: 'other' }),
      claim({ stance: 'alleges', origin: 'actor:b', count: exact(4), actId: null }),
    ];
    expect(reconcileAct('act', claims)).toMatchObject({ count: null, low: 0, claimIds: [], figures: [] });
  });
});

describe('reconcileAct (rules 4–9)', () => {
  it('4: the figure most independent origins support wins, even over a higher one', () => {
    const twoSayTwo = [
      claim({ stance: 'alleges', origin: 'actor:a', count: exact(2) }),
      claim({ stance: 'confirms', origin: 'actor:b', count: exact(2) }),
    ];
    const oneSaysFive = claim({ stance: 'alleges', origin: 'actor:c', count: atLeast(5) });
    const r = reconcileAct('act', [oneSaysFive, ...twoSayTwo]);
    expect(r.count).toEqual(exact(2));
    expect(r.claimIds).toEqual(twoSayTwo.map((c) => c.id));
    expect(r.figures.map((f) => f.origins)).toEqual([['actor:a', 'actor:b'], ['actor:c']]);
  });

  it('4: repeating a figure from the same origin does not add weight', () => {
    const r = reconcileAct('act', [
      claim({ stance: 'alleges', origin: 'actor:a', count: exact(2) }),
      claim({ stance: 'alleges', origin: 'actor:a', count: exact(2) }),
      claim({ stance: 'alleges', origin: 'actor:b', count: exact(7) }),
    ]);
    expect(r.count).toEqual(exact(7));
    expect(r.figures[1]).toMatchObject({ count: exact(2), origins: ['actor:a'] });
    expect(r.figures[1]?.claimIds).toHaveLength(2);
  });

  it('5: a tie goes to the higher lower bound, then to the earliest claim', () => {
    const early = claim({ stance: 'alleges', origin: 'actor:a', count: exact(3), createdAt: '2019-01-14T08:00:00.000Z' });
    const late = claim({ stance: 'alleges', origin: 'actor:b', count: atLeast(5), createdAt: '2019-01-15T08:00:00.000Z' });
    expect(reconcileAct('act', [early, late]).count).toEqual(atLeast(5));

    const first = claim({ stance: 'alleges', origin: 'actor:a', count: atLeast(3), createdAt: '2019-01-14T08:00:00.000Z' });
    const second = claim({ stance: 'alleges', origin: 'actor:b', count: exact(3), createdAt: '2019-01-15T08:00:00.000Z' });
    expect(reconcileAct('act', [second, first]).count).toEqual(atLeast(3));
  });

  it('6: bounds are those of the reconciled figure', () => {
    const r = reconcileAct('act', [claim({ stance: 'alleges', origin: 'actor:a', count: about(40) })]);
    expect(r).toMatchObject({ count: about(40), low: 32, high: 48 });
  });

  it('7a: support without a figure (or with an unspecified one) means at least 1, no upper bound', () => {
    const claims = [
      claim({ stance: 'alleges', origin: 'actor:a' }),
      claim({ stance: 'acknowledges', origin: 'actor:b', count: unspecified }),
    ];
    expect(reconcileAct('act', claims)).toEqual({
      count: null,
      low: 1,
      high: null,
      claimIds: claims.map((c) => c.id),
      figures: [],
      conflict: false,
      denialClaimIds: [],
    });
  });

  it('7b: with no accepted supporting claim an act counts 0, with no known upper bound', () => {
    const denial = claim({ stance: 'denies', origin: 'actor:gov' });
    expect(reconcileAct('act', [denial])).toEqual({
      count: null,
      low: 0,
      high: null,
      claimIds: [],
      figures: [],
      conflict: false,
      denialClaimIds: [denial.id],
    });
  });

  it('8: figures whose bounds do not overlap are a conflict; overlapping ones are not', () => {
    const conflicting = [
      claim({ stance: 'alleges', origin: 'actor:a', count: about(40) }),
      claim({ stance: 'alleges', origin: 'actor:b', count: exact(2) }),
    ];
    expect(reconcileAct('act', conflicting).conflict).toBe(true);
    const compatible = [
      claim({ stance: 'alleges', origin: 'actor:a', count: atLeast(2) }),
      claim({ stance: 'alleges', origin: 'actor:b', count: exact(3) }),
    ];
    expect(reconcileAct('act', compatible).conflict).toBe(false);
  });

  it('9: denials of the act and of the whole incident are listed, oldest first; their figures never win', () => {
    const later = claim({ stance: 'denies', origin: 'actor:gov', actId: null, createdAt: '2019-01-16T00:00:00.000Z' });
    const earlier = claim({ stance: 'denies', origin: 'actor:gov', count: exact(0), createdAt: '2019-01-15T00:00:00.000Z' });
    const echoes = [
      claim({ stance: 'denies', origin: 'actor:police', count: exact(0) }),
      claim({ stance: 'denies', origin: 'actor:ministry', count: exact(0) }),
    ];
    const otherAct = claim({ stance: 'denies', origin: 'actor:gov', actId: 'other' });
    const allegation = claim({ stance: 'alleges', origin: 'actor:ngo', count: atLeast(2) });
    const r = reconcileAct('act', [later, otherAct, allegation, ...echoes, earlier]);
    expect(r.count).toEqual(atLeast(2));
    expect(r.figures).toHaveLength(1);
    expect(r.denialClaimIds).toEqual([...echoes.map((c) => c.id), earlier.id, later.id]);
  });
});

describe('deriveStatus (rule 10)', () => {
  const a = claim({ stance: 'alleges', origin: 'actor:b-ngo' });
  const b = claim({ stance: 'confirms', origin: 'actor:a-ngo' });
  const denial = claim({ stance: 'denies', origin: 'actor:gov' });

  it('10a: a reviewer\'s "refuted" wins over everything', () => {
    expect(deriveStatus([a, b], 'refuted')).toEqual({
      status: 'refuted',
      reasons: ['a reviewer refuted it', '2 independent origins support it: actor:a-ngo, actor:b-ngo'],
      supportingOrigins: ['actor:a-ngo', 'actor:b-ngo'],
      denialClaimIds: [],
    });
  });

  it('10b: a reviewer\'s "verified" wins over a denial, which is still listed', () => {
    expect(deriveStatus([a, denial], 'verified')).toEqual({
      status: 'verified',
      reasons: ['a reviewer verified it', '1 origin supports it: actor:b-ngo', `denied by claim ${denial.id} (actor:gov)`],
      supportingOrigins: ['actor:b-ngo'],
      denialClaimIds: [denial.id],
    });
  });

  it('10c: without a decision, any accepted denial makes it contested', () => {
    expect(deriveStatus([a, b, denial], null)).toMatchObject({
      status: 'contested',
      reasons: [`denied by claim ${denial.id} (actor:gov)`, '2 independent origins support it: actor:a-ngo, actor:b-ngo'],
    });
  });

  it('10d: two or more supporting origins corroborate; one alleges; none leaves it unverified', () => {
    expect(deriveStatus([a, b], null).status).toBe('corroborated');
    expect(deriveStatus([a], null)).toMatchObject({ status: 'alleged', reasons: ['1 origin supports it: actor:b-ngo'] });
    expect(deriveStatus([], null)).toEqual({
      status: 'unverified',
      reasons: ['no accepted claim supports it'],
      supportingOrigins: [],
      denialClaimIds: [],
    });
  });

  it('10e: claims on any act of the incident, or on the whole incident, count towards its status', () => {
    const onAct = claim({ stance: 'alleges', origin: 'actor:x', actId: 'killing' });
    const onIncident = claim({ stance: 'alleges', origin: 'actor:y', actId: null });
    expect(deriveStatus([onAct, onIncident], null).supportingOrigins).toEqual(['actor:x', 'actor:y']);
  });
});

describe('reasons (rule 11)', () => {
  it('11: reasons name the supporting origins in order and every denial, oldest first', () => {
    const newer = claim({ stance: 'denies', origin: 'actor:gov', createdAt: '2019-02-01T00:00:00.000Z' });
    const older = claim({ stance: 'denies', origin: 'actor:police', actId: null, createdAt: '2019-01-20T00:00:00.000Z' });
    const claims = [
      newer,
      claim({ stance: 'alleges', origin: 'outlet:novaya gazeta' }),
      claim({ stance: 'alleges', origin: 'actor:rln' }),
      claim({ stance: 'alleges', origin: 'actor:rln' }),
      older,
    ];
    expect(deriveStatus(claims, null)).toEqual({
      status: 'contested',
      reasons: [
        `denied by claim ${older.id} (actor:police)`,
        `denied by claim ${newer.id} (actor:gov)`,
        '2 independent origins support it: actor:rln, outlet:novaya gazeta',
      ],
      supportingOrigins: ['actor:rln', 'outlet:novaya gazeta'],
      denialClaimIds: [older.id, newer.id],
    });
  });
});

describe('the seed story: Chechnya, January 2019', () => {
  const K = 'killing';
  const D = 'detention';
  const rln = claimOrigin({ speaker: null, relayId: 'rln', sourceOutlet: 'The Moscow Times', sourceId: 'mt' });
  const kochetkov = claimOrigin({ speaker: { id: 'kochetkov', kind: 'person', parentId: 'rln' }, relayId: null, sourceOutlet: 'The Moscow Times', sourceId: 'mt' });
  const kraimov = claimOrigin({ speaker: { id: 'kraimov', kind: 'person', parentId: 'chechen-gov' }, relayId: 'rt', sourceOutlet: 'RT', sourceId: 'rt-1' });
  const peskov = claimOrigin({ speaker: { id: 'peskov', kind: 'person', parentId: 'kremlin' }, relayId: null, sourceOutlet: 'The Moscow Times', sourceId: 'mt' });

  const t = (s: number) => `2019-01-14T12:00:${String(s).padStart(2, '0')}.000Z`;
  const story: ClaimForReconciliation[] = [
    { id: 'rln-killed', stance: 'alleges', review: 'accepted', actId: K, count: atLeast(2), origin: rln, createdAt: t(1) },
    { id: 'rln-detained', stance: 'alleges', review: 'accepted', actId: D, count: exact(40), origin: rln, createdAt: t(2) },
    { id: 'kochetkov-detained', stance: 'alleges', review: 'accepted', actId: D, count: null, origin: kochetkov, createdAt: t(3) },
    { id: 'peskov', stance: 'promises_investigation', review: 'accepted', actId: null, count: null, origin: peskov, createdAt: t(4) },
    { id: 'kraimov-all', stance: 'denies', review: 'accepted', actId: null, count: null, origin: kraimov, createdAt: t(5) },
    { id: 'kraimov-killed', stance: 'denies', review: 'accepted', actId: K, count: exact(0), origin: kraimov, createdAt: t(6) },
  ];
  const secondOutlet: ClaimForReconciliation[] = [
    {
      id: 'ng-killed',
      stance: 'alleges',
      review: 'accepted',
      actId: K,
      count: atLeast(2),
      origin: claimOrigin({ speaker: null, relayId: 'rln', sourceOutlet: 'Novaya Gazeta', sourceId: 'ng' }),
      createdAt: t(7),
    },
  ];
  const secondNgo: ClaimForReconciliation[] = [
    {
      id: 'memorial-killed',
      stance: 'alleges',
      review: 'accepted',
      actId: K,
      count: atLeast(2),
      origin: claimOrigin({ speaker: { id: 'memorial', kind: 'organisation', parentId: null }, relayId: null, sourceOutlet: 'Memorial', sourceId: 'mem' }),
      createdAt: t(8),
    },
  ];

  it('origins: the Network (and its programme director) are one; the spokesperson speaks for the government', () => {
    expect(rln).toBe('actor:rln');
    expect(kochetkov).toBe('actor:rln');
    expect(kraimov).toBe('actor:chechen-gov');
    expect(peskov).toBe('actor:kremlin');
  });

  it('is contested; killings reconcile to at least 2, detentions to exactly 40', () => {
    const r = reconcileIncident({ actIds: [K, D], claims: story, reviewDecision: null });
    expect(r.status).toEqual({
      status: 'contested',
      reasons: ['denied by claim kraimov-all (actor:chechen-gov)', 'denied by claim kraimov-killed (actor:chechen-gov)', '1 origin supports it: actor:rln'],
      supportingOrigins: ['actor:rln'],
      denialClaimIds: ['kraimov-all', 'kraimov-killed'],
    });
    expect(r.acts[K]).toEqual({
      count: atLeast(2),
      low: 2,
      high: null,
      claimIds: ['rln-killed'],
      figures: [{ count: atLeast(2), claimIds: ['rln-killed'], origins: ['actor:rln'] }],
      conflict: false,
      denialClaimIds: ['kraimov-all', 'kraimov-killed'],
    });
    expect(r.acts[D]).toMatchObject({ count: exact(40), low: 40, high: 40, claimIds: ['rln-detained'], denialClaimIds: ['kraimov-all'] });
  });

  it('without the denials, a second outlet relaying the same NGO leaves it alleged', () => {
    const undenied = [...story, ...secondOutlet].filter((c) => c.stance !== 'denies');
    const r = reconcileIncident({ actIds: [K, D], claims: undenied, reviewDecision: null });
    expect(r.status.status).toBe('alleged');
    expect(r.acts[K]?.figures).toEqual([{ count: atLeast(2), claimIds: ['rln-killed', 'ng-killed'], origins: ['actor:rln'] }]);
  });

  it('an independent second NGO corroborates it', () => {
    const undenied = [...story, ...secondNgo].filter((c) => c.stance !== 'denies');
    const r = reconcileIncident({ actIds: [K, D], claims: undenied, reviewDecision: null });
    expect(r.status).toMatchObject({ status: 'corroborated', supportingOrigins: ['actor:memorial', 'actor:rln'] });
    expect(r.acts[K]?.figures[0]?.origins).toEqual(['actor:memorial', 'actor:rln']);
  });
});

describe('rule 12: determinism', () => {
  const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const counts: Count[] = [exact(2), exact(3), atLeast(2), about(40), exact(40), unspecified, { qualifier: 'range', value: null, min: 1, max: 5 }];
  const arbClaim = fc.record({
    stance: fc.constantFrom<Stance>('alleges', 'denies', 'confirms', 'acknowledges', 'promises_investigation', 'demands_action', 'other'),
    review: fc.constantFrom('accepted', 'accepted', 'proposed', 'rejected') as fc.Arbitrary<ClaimForReconciliation['review']>,
    actId: fc.constantFrom<string | null>('act-1', 'act-2', null),
    count: fc.option(fc.constantFrom(...counts), { nil: null }),
    origin: fc.constantFrom('actor:a', 'actor:b', 'outlet:c', 'source:d'),
    // Few distinct instants, so that ties on createdAt happen often.
    createdAt: fc.constantFrom('2019-01-14T00:00:00.000Z', '2019-01-15T00:00:00.000Z', '2019-01-16T00:00:00.000Z'),
  });
  const arbClaims = fc.array(arbClaim, { maxLength: 12 }).map((cs) => cs.map((c, i): ClaimForReconciliation => ({ ...c, id: uuid(i) })));
  const arbShuffled = arbClaims.chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length, maxLength: cs.length })));

  it('the same claims in any order give the same result, valid by the schemas', () => {
    fc.assert(
      fc.property(arbShuffled, fc.constantFrom('verified', 'refuted', null), ([claims, shuffled], decision) => {
        const input = { actIds: ['act-1', 'act-2'], reviewDecision: decision };
        const r = reconcileIncident({ ...input, claims });
        expect(reconcileIncident({ ...input, claims: shuffled })).toEqual(r);
        expect(StatusDerivationSchema.safeParse(r.status).success).toBe(true);
        for (const act of Object.values(r.acts)) expect(ReconciledCountSchema.safeParse(act).success).toBe(true);
      }),
    );
  });

  it('the reconciled figure is always one of the figures, and low ≤ high', () => {
    fc.assert(
      fc.property(arbClaims, (claims) => {
        const r = reconcileAct('act-1', claims);
        if (r.count !== null) expect(r.figures[0]?.count).toEqual(r.count);
        if (r.high !== null) expect(r.low).toBeLessThanOrEqual(r.high);
      }),
    );
  });
});
