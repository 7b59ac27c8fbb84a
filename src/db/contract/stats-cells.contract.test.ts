import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Act, Incident } from '../../core/incident.js';
import type { IncidentPlacement, StatsQuery, Store } from '../../core/ports.js';
import { testEngines } from '../testing.js';
import { aCollection, anIncident } from './fixtures.js';

/**
 * Statistics read cells that the incident repository keeps in step with the acts. Whatever
 * writes came before, the figures must be those of the acts as they are now: the same as in a
 * store that only ever saw the final incidents.
 */
const MOSCOW: IncidentPlacement = { countryCode: 'RU', regionCode: 'RU-MOW' };
const NOWHERE: IncidentPlacement = { countryCode: null, regionCode: null };

function act(incidentId: string, type: Act['type'], low: number, high: number | null, start: string | null = null): Act {
  return {
    id: randomUUID(),
    incidentId,
    type,
    victims: null,
    perpetrators: null,
    date: start ? { start, end: start, precision: 'day' } : { start: null, end: null, precision: 'unknown' },
    placeId: null,
    involvements: [],
    reconciled: { count: null, low, high, claimIds: [], figures: [], conflict: false, denialClaimIds: [] },
  };
}

function incident(collectionId: string, status: Incident['status'], start: string | null, acts: (id: string) => Act[]): Incident {
  const id = randomUUID();
  return anIncident(collectionId, {
    id,
    status,
    date: start ? { start, end: start, precision: 'day' } : { start: null, end: null, precision: 'unknown' },
    acts: acts(id),
  });
}

const ALL: StatsQuery = { statuses: ['unverified', 'alleged', 'corroborated', 'verified', 'contested', 'refuted'] };

describe.each(testEngines())('statistics cells on $name', (engine) => {
  let history: Store;
  let fresh: Store;
  beforeAll(async () => {
    history = await engine.open();
    fresh = await engine.open();
  });
  afterAll(async () => {
    await history?.close();
    await fresh?.close();
  });

  it('match the acts as they are after inserts, updates, deletes and a collection delete', async () => {
    const keep = aCollection();
    const gone = aCollection();
    for (const s of [history, fresh]) await s.collections.insert(keep);
    await history.collections.insert(gone);

    // Two acts of one type in one cell: one incident, two acts.
    const a = incident(keep.id, 'alleged', '2024-03-01', (id) => [act(id, 'detention', 3, 3), act(id, 'detention', 2, null), act(id, 'torture', 1, 4, '2023-12-30')]);
    const b = incident(keep.id, 'unverified', null, (id) => [act(id, 'detention', 0, null)]);
    const c = incident(keep.id, 'refuted', '2024-03-09', (id) => [act(id, 'killing', 5, 5)]);
    const d = incident(gone.id, 'alleged', '2024-03-01', (id) => [act(id, 'detention', 7, 7)]);
    const e = incident(keep.id, 'alleged', '2022-01-01', (id) => [act(id, 'raid', 9, 9)]);

    await history.incidents.insertMany([
      { incident: a, placement: MOSCOW, actPlacements: {} },
      { incident: b, placement: NOWHERE, actPlacements: {} },
    ]);
    await history.incidents.save(c, MOSCOW, {});
    await history.incidents.save(d, MOSCOW, {});
    await history.incidents.save(e, NOWHERE, {});
    // Claims change figures and status; an act is dropped, one is added, the place changes.
    const a2: Incident = {
      ...a,
      status: 'contested',
      acts: [{ ...a.acts[0]!, reconciled: { ...a.acts[0]!.reconciled, low: 4, high: null } }, a.acts[2]!, act(a.id, 'threat', 1, 1)],
    };
    await history.incidents.save(a2, NOWHERE, { [a2.acts[1]!.id]: MOSCOW });
    const c2: Incident = { ...c, status: 'verified' };
    await history.incidents.save(c2, MOSCOW, {});
    await history.incidents.delete(e.id);
    await history.collections.delete(gone.id);

    await fresh.incidents.save(a2, NOWHERE, { [a2.acts[1]!.id]: MOSCOW });
    await fresh.incidents.insertMany([{ incident: b, placement: NOWHERE, actPlacements: {} }]);
    await fresh.incidents.save(c2, MOSCOW, {});

    for (const q of [ALL, {}, { actType: 'detention' as const }, { from: '2024-01-01', to: '2024-12-31' }, { countryCode: 'RU' }, { collectionIds: [keep.id] }])
      expect(await history.stats.byActTypeMonthRegion(q)).toEqual(await fresh.stats.byActTypeMonthRegion(q));

    const cells = await history.stats.byActTypeMonthRegion(ALL);
    expect(cells).toEqual(
      expect.arrayContaining([
        // a2's first act (now unbounded) with b's act would be separate cells: different period and place.
        { actType: 'detention', period: '2024-03', countryCode: null, regionCode: null, low: 4, high: null, incidents: 1, acts: 1 },
        { actType: 'detention', period: null, countryCode: null, regionCode: null, low: 0, high: null, incidents: 1, acts: 1 },
        { actType: 'torture', period: '2023-12', countryCode: 'RU', regionCode: 'RU-MOW', low: 1, high: 4, incidents: 1, acts: 1 },
        { actType: 'killing', period: '2024-03', countryCode: 'RU', regionCode: 'RU-MOW', low: 5, high: 5, incidents: 1, acts: 1 },
      ]),
    );
    expect(cells.some((c) => c.actType === 'raid')).toBe(false);
    expect(cells.reduce((n, c) => n + c.acts, 0)).toBe(5);
  });

  it('count an incident once per cell however many of its acts fall there', async () => {
    const col = aCollection();
    await history.collections.insert(col);
    const two = incident(col.id, 'alleged', '2019-05-05', (id) => [act(id, 'abduction', 1, 1), act(id, 'abduction', 2, 2)]);
    await history.incidents.save(two, MOSCOW, {});
    expect(await history.stats.byActTypeMonthRegion({ collectionIds: [col.id] })).toEqual([
      { actType: 'abduction', period: '2019-05', countryCode: 'RU', regionCode: 'RU-MOW', low: 3, high: 3, incidents: 1, acts: 2 },
    ]);
  });
});
