/**
 * The demo story: one news report about the renewed persecution of LGBT people in Chechnya
 * (December 2018 – January 2019), entered the way a monitor would enter it — actors, one
 * source, three incidents, and every statement of the report as a claim.
 *
 * The facts follow the worked extraction example (samples/extraction/seed.*); every text
 * here is Vigil's own summary. The article's text is not stored (the source's `text` is a
 * short summary of ours), so no claim carries evidence offsets; speakers' quotes are kept
 * short.
 *
 * Loading is idempotent: every record has a fixed id derived from a name, and a record that
 * already exists is left as it is, so running the demo twice changes nothing.
 */
import { createHash } from 'node:crypto';
import type { ActorInput } from '../core/actor.js';
import type { ClaimInput } from '../core/claim.js';
import type { Count } from '../core/count.js';
import { dayDate, partOfMonth, UNKNOWN_DATE, yearDate, type FuzzyDate } from '../core/fuzzy-date.js';
import type { IncidentInput } from '../core/incident.js';
import type { SourceInput } from '../core/source.js';
import type { ActType } from '../core/vocabularies.js';
import { createActor } from './actors.js';
import { addClaim } from './claims.js';
import { ensureDefaultCollection } from './collections.js';
import type { UseCaseContext } from './context.js';
import { createIncident, getIncident } from './incidents.js';
import { gazetteerId, seedGazetteer } from './places.js';
import { createSource } from './sources.js';

/** Namespace of the demo's name-based ids (UUID v5); changing it would duplicate the demo. */
const DEMO_NAMESPACE = '8d6b0f3e-5c1a-4f7e-9a42-1e0c7b5d2f61';

/** A UUID v5 (RFC 9562, SHA-1 name-based) for a demo record's name. */
export function demoId(name: string): string {
  const ns = Buffer.from(DEMO_NAMESPACE.replace(/-/g, ''), 'hex');
  const b = createHash('sha1').update(ns).update(`vigil-demo:${name}`).digest().subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A context whose id source yields `name#0`, `name#1`, … so that a use case that creates a
 * record (and, for an incident, its acts) gives them the same ids on every installation.
 */
function fixedIds(ctx: UseCaseContext, name: string): UseCaseContext {
  let n = 0;
  return { ...ctx, ids: { newId: () => demoId(`${name}#${n++}`) } };
}

const idOf = (name: string): string => demoId(`${name}#0`);

export interface DemoResult {
  readonly collectionId: string;
  readonly sourceId: string;
  /** The December 2018 – January 2019 crackdown. */
  readonly incidentId: string;
  /** The 2017 purge the report recalls. */
  readonly purgeIncidentId: string;
  readonly actorIds: Readonly<Record<ActorKey, string>>;
  readonly claimIds: readonly string[];
  /** How many records this run created: 0 when the demo was already there. */
  readonly created: number;
}

type ActorKey =
  | 'network'
  | 'kochetkov'
  | 'chechenGovernment'
  | 'kraimov'
  | 'kadyrov'
  | 'presidentialAdministration'
  | 'peskov'
  | 'police'
  | 'rt'
  | 'moscowTimes';

const exact = (value: number): Count => ({ qualifier: 'exact', value, min: null, max: null });
const atLeast = (value: number): Count => ({ qualifier: 'at_least', value, min: null, max: null });
const unspecified: Count = { qualifier: 'unspecified', value: null, min: null, max: null };

export async function loadDemo(ctx: UseCaseContext): Promise<DemoResult> {
  let created = 0;
  const collection = await ensureDefaultCollection(ctx);
  await seedGazetteer(ctx);
  const collectionId = collection.id;
  const chechnya = gazetteerId('RU-CE');

  async function ensure(kind: 'actors' | 'sources' | 'incidents' | 'claims', name: string, create: (c: UseCaseContext) => Promise<unknown>): Promise<string> {
    const id = idOf(`${kind}:${name}`);
    if ((await ctx.repos[kind].get(id)) === undefined) {
      await create(fixedIds(ctx, `${kind}:${name}`));
      created++;
    }
    return id;
  }

  // Organisations first: people name the body they speak for.
  const actor = (name: string, input: ActorInput): Promise<string> =>
    ensure('actors', name, (c) => createActor(c, { collectionId, ...input }));
  const network = await actor('russian-lgbt-network', {
    kind: 'organisation',
    name: 'Russian LGBT Network',
    nameRu: 'Российская ЛГБТ-сеть',
    organisationType: 'ngo',
    notes: 'Rights group that monitors abuses against LGBT people in Chechnya since 2017.',
  });
  const chechenGovernment = await actor('chechen-government', {
    kind: 'organisation',
    name: 'Chechen Republic government',
    nameRu: 'Правительство Чеченской Республики',
    organisationType: 'government',
  });
  const presidentialAdministration = await actor('presidential-administration', {
    kind: 'organisation',
    name: 'Russian presidential administration',
    nameRu: 'Администрация Президента Российской Федерации',
    organisationType: 'government',
  });
  const police = await actor('police-chechnya', {
    kind: 'organisation',
    name: 'Police and law enforcement in Chechnya',
    nameRu: 'Полиция и силовые структуры Чечни',
    organisationType: 'police',
    notes: 'The report names police and law enforcement officers without naming units.',
  });
  const rt = await actor('rt', { kind: 'organisation', name: 'RT', organisationType: 'media' });
  const moscowTimes = await actor('moscow-times', { kind: 'organisation', name: 'The Moscow Times', organisationType: 'media' });
  const kochetkov = await actor('igor-kochetkov', {
    kind: 'person',
    name: 'Igor Kochetkov',
    nameRu: 'Игорь Кочетков',
    role: 'programme director',
    parentId: network,
  });
  const kraimov = await actor('alvi-kraimov', {
    kind: 'person',
    name: 'Alvi Kraimov',
    role: 'spokesperson',
    parentId: chechenGovernment,
    notes: 'Name as spelled in the report.',
  });
  const kadyrov = await actor('ramzan-kadyrov', {
    kind: 'person',
    name: 'Ramzan Kadyrov',
    nameRu: 'Рамзан Кадыров',
    role: 'head of the Chechen Republic',
    parentId: chechenGovernment,
  });
  const peskov = await actor('dmitry-peskov', {
    kind: 'person',
    name: 'Dmitry Peskov',
    nameRu: 'Дмитрий Песков',
    role: 'presidential press secretary',
    parentId: presidentialAdministration,
  });

  const source: SourceInput = {
    collectionId,
    kind: 'news_article',
    title: 'Report of a renewed crackdown on LGBT people in Chechnya',
    outlet: 'The Moscow Times',
    language: 'en',
    publishedAt: '2019-01-14',
    text:
      'Summary by Vigil (the article itself is not stored): the Russian LGBT Network reports a new wave of ' +
      'persecution of LGBT people in Chechnya that began in late December 2018 with the detention of the ' +
      'administrator of an online group. Activists cited in its report count 40 people detained and at least ' +
      'two dead after police torture. The Network\'s programme director describes seized travel documents, ' +
      'threats of prosecution and forced signatures meant to stop victims from leaving or going to court. ' +
      'The article recalls the 2017 purge. The Kremlin\'s press secretary says the report will be looked into; ' +
      'a Chechen government spokesperson, quoted by RT, rejects it.',
    notes: 'Demo record loaded by `vigil demo`.',
  };
  const sourceId = await ensure('sources', 'moscow-times-2019-01-14', (c) => createSource(c, source));

  type ActSpec = { type: ActType; date: FuzzyDate; victims?: string; perpetrators?: string; perpetrator?: string };
  const incident = async (name: string, input: Omit<IncidentInput, 'acts'>, acts: ActSpec[]): Promise<{ id: string; act: (t: ActType) => string }> => {
    const id = await ensure('incidents', name, (c) =>
      createIncident(c, {
        collectionId,
        ...input,
        acts: acts.map((a) => ({
          type: a.type,
          date: a.date,
          victims: a.victims ?? null,
          perpetrators: a.perpetrators ?? null,
          involvements: a.perpetrator ? [{ actorId: a.perpetrator, degree: 'direct' as const }] : [],
        })),
      }),
    );
    const stored = await getIncident(ctx, id);
    return {
      id,
      act: (t) => {
        const act = stored.acts.find((a) => a.type === t);
        // The acts are ours: a missing one means the record was edited by hand since.
        if (!act) throw new Error(`demo incident ${id} has no ${t} act`);
        return act.id;
      },
    };
  };

  const lateDecember = partOfMonth(2018, 12, 'late');
  const crackdownPeriod: FuzzyDate = { start: '2018-12-21', end: '2019-01-14', precision: 'month' };
  const lgbt = 'LGBT people';

  const crackdown = await incident(
    'chechnya-crackdown-2018-2019',
    {
      title: 'Crackdown on LGBT people in Chechnya, December 2018 – January 2019',
      summary:
        'A new wave of detentions of LGBT people in Chechnya, starting in late December 2018. Rights defenders ' +
        'report deaths after torture in custody and pressure on victims to keep them from leaving the region ' +
        'or going to court. The Chechen authorities deny it.',
      date: crackdownPeriod,
      placeId: chechnya,
      tags: ['LGBT', 'demo'],
    },
    [
      { type: 'killing', date: dayDate('2019-01-14'), victims: lgbt, perpetrators: 'police', perpetrator: police },
      { type: 'detention', date: crackdownPeriod, victims: 'LGBT people, men and women', perpetrators: 'law enforcement officers', perpetrator: police },
      { type: 'torture', date: crackdownPeriod, victims: lgbt, perpetrators: 'police', perpetrator: police },
      { type: 'document_confiscation', date: UNKNOWN_DATE, victims: 'victims of the detentions', perpetrators: 'local police', perpetrator: police },
      { type: 'threat', date: UNKNOWN_DATE, victims: 'victims and their relatives', perpetrators: 'local police', perpetrator: police },
      { type: 'coerced_statement', date: UNKNOWN_DATE, victims: 'victims of the detentions', perpetrators: 'local police', perpetrator: police },
      { type: 'movement_restriction', date: UNKNOWN_DATE, victims: 'victims of the detentions', perpetrators: 'local police', perpetrator: police },
      { type: 'denial_of_justice', date: UNKNOWN_DATE, victims: 'victims of the detentions', perpetrators: 'local police', perpetrator: police },
    ],
  );

  const purge = await incident(
    'chechnya-purge-2017',
    {
      title: 'Purge of gay people in Chechnya, 2017',
      summary: 'The 2017 wave of persecution that the Russian LGBT Network has monitored since: dozens detained, three deaths reported.',
      date: yearDate(2017),
      placeId: chechnya,
      tags: ['LGBT', 'demo'],
    },
    [
      { type: 'detention', date: yearDate(2017), victims: 'gay people' },
      { type: 'killing', date: yearDate(2017) },
    ],
  );

  const claimIds: string[] = [];
  const claim = async (name: string, input: Omit<ClaimInput, 'sourceId'>): Promise<void> => {
    claimIds.push(await ensure('claims', name, (c) => addClaim(c, { sourceId, ...input })));
  };
  const withCount = (count: Count, extra: { date?: FuzzyDate; perpetratorId?: string } = {}) => ({
    count,
    date: extra.date ?? null,
    placeId: null,
    perpetratorId: extra.perpetratorId ?? null,
  });
  const activists = 'activists quoted in the Russian LGBT Network\'s report';

  // The Network's figures, as its report quotes activists.
  await claim('activists-killings', {
    incidentId: crackdown.id,
    actId: crackdown.act('killing'),
    speakerRole: activists,
    relayId: network,
    stance: 'alleges',
    about: 'At least two people were killed in the new crackdown on 14 January 2019',
    asserts: withCount(atLeast(2), { date: dayDate('2019-01-14') }),
  });
  await claim('activists-detentions', {
    incidentId: crackdown.id,
    actId: crackdown.act('detention'),
    speakerRole: activists,
    relayId: network,
    stance: 'alleges',
    about: '40 people have been detained since the new crackdown began in late December 2018',
    asserts: withCount(exact(40), { date: crackdownPeriod }),
  });
  await claim('activists-torture', {
    incidentId: crackdown.id,
    actId: crackdown.act('torture'),
    speakerRole: activists,
    relayId: network,
    stance: 'alleges',
    about: 'Both people who died had been tortured by police',
    asserts: withCount(exact(2), { perpetratorId: police }),
  });

  // The Network's programme director.
  await claim('kochetkov-men-and-women', {
    incidentId: crackdown.id,
    actId: crackdown.act('detention'),
    speakerId: kochetkov,
    stance: 'alleges',
    about: 'Both men and women are among those detained',
  });
  await claim('kochetkov-detaining-force', {
    incidentId: crackdown.id,
    actId: crackdown.act('detention'),
    speakerId: kochetkov,
    stance: 'alleges',
    about: 'Law enforcement officers carried out the detentions',
    asserts: withCount(unspecified, { perpetratorId: police }),
  });
  await claim('kochetkov-leaving-region', {
    incidentId: crackdown.id,
    actId: crackdown.act('movement_restriction'),
    speakerId: kochetkov,
    stance: 'alleges',
    about: 'Local police do all they can to stop victims from leaving the region',
    asserts: withCount(unspecified, { perpetratorId: police }),
  });
  await claim('kochetkov-going-to-court', {
    incidentId: crackdown.id,
    actId: crackdown.act('denial_of_justice'),
    speakerId: kochetkov,
    stance: 'alleges',
    about: 'Local police do all they can to stop victims from going to court',
    asserts: withCount(unspecified, { perpetratorId: police }),
  });
  await claim('kochetkov-documents', {
    incidentId: crackdown.id,
    actId: crackdown.act('document_confiscation'),
    speakerId: kochetkov,
    stance: 'alleges',
    about: 'Police seize the victims\' travel documents',
    quote: 'They take away [travel] documents',
    asserts: withCount(unspecified, { perpetratorId: police }),
  });
  await claim('kochetkov-threats', {
    incidentId: crackdown.id,
    actId: crackdown.act('threat'),
    speakerId: kochetkov,
    stance: 'alleges',
    about: 'Police threaten victims and their relatives with criminal prosecution',
    quote: 'they threaten the victims with the criminal proceedings',
    asserts: withCount(unspecified, { perpetratorId: police }),
  });
  await claim('kochetkov-blank-forms', {
    incidentId: crackdown.id,
    actId: crackdown.act('coerced_statement'),
    speakerId: kochetkov,
    stance: 'alleges',
    about: 'Police force victims to sign blank forms',
    quote: 'they force them to sign empty forms',
    asserts: withCount(unspecified, { perpetratorId: police }),
  });
  await claim('kochetkov-not-in-2017', {
    incidentId: crackdown.id,
    speakerId: kochetkov,
    relayId: moscowTimes,
    stance: 'alleges',
    about: 'These practices were not seen during the 2017 purge',
    quote: 'This wasn’t happening in 2017',
  });
  await claim('kochetkov-cannot-flee', {
    incidentId: crackdown.id,
    actId: crackdown.act('movement_restriction'),
    speakerId: kochetkov,
    relayId: moscowTimes,
    stance: 'alleges',
    about: 'Everything is arranged to keep victims from fleeing the country',
    quote: 'Everything is being done so that they can’t flee the country.',
  });

  // The report itself, speaking for the Network.
  await claim('network-report-authorities', {
    incidentId: crackdown.id,
    speakerId: network,
    stance: 'alleges',
    about: 'The Russian authorities do not act to stop the persecution and have not acknowledged the unlawful detentions, torture and killings',
  });

  // The authorities.
  await claim('peskov-look-into-it', {
    incidentId: crackdown.id,
    speakerId: peskov,
    stance: 'promises_investigation',
    about: 'The presidential administration will look into the Network\'s report',
  });
  await claim('kraimov-denies-allegations', {
    incidentId: crackdown.id,
    speakerId: kraimov,
    relayId: rt,
    stance: 'denies',
    about: 'The Chechen government rejects the report\'s allegations',
  });
  await claim('kraimov-denies-detentions', {
    incidentId: crackdown.id,
    actId: crackdown.act('detention'),
    speakerId: kraimov,
    relayId: rt,
    stance: 'denies',
    about: 'Denies that anyone was detained, let alone 40 people',
    quote: 'If even a single person were arrested, let alone 40, the entire Chechen public would have known',
  });
  await claim('kraimov-denies-killings', {
    incidentId: crackdown.id,
    actId: crackdown.act('killing'),
    speakerId: kraimov,
    relayId: rt,
    stance: 'denies',
    about: 'Calls the report of two killings absurd',
    quote: 'The claim that two were killed is even more absurd.',
  });
  // Kadyrov's statements predate this episode and deny a population, not an act: they are
  // kept as claims of the source but filed under no incident, so they do not count as
  // denials of any incident's acts.
  await claim('kadyrov-no-gay-people', {
    speakerId: kadyrov,
    stance: 'denies',
    about: 'Has claimed in the past that there are no gay people in Chechnya',
  });
  await claim('kadyrov-no-such-orientation', {
    speakerId: kadyrov,
    stance: 'denies',
    about: 'Says Chechen society knows no non-traditional orientation',
    quote: 'In Chechen society, there is no such thing as non-traditional orientation',
  });

  // What the outlet itself reports, with no other speaker.
  // Whether the administrator is among the 40 is not said: his detention is recorded as part of
  // the crackdown's detentions, without a figure of its own, so that no one is counted twice.
  await claim('outlet-admin-detained', {
    incidentId: crackdown.id,
    actId: crackdown.act('detention'),
    stance: 'alleges',
    about: 'The new wave began with the detention of the administrator of an online LGBT group in late December 2018',
    asserts: withCount(unspecified, { date: lateDecember }),
  });
  await claim('outlet-2017-detentions', {
    incidentId: purge.id,
    actId: purge.act('detention'),
    stance: 'alleges',
    about: 'Dozens of gay people were reportedly detained in Chechnya in 2017',
    asserts: withCount(unspecified, { date: yearDate(2017) }),
  });
  await claim('outlet-2017-deaths', {
    incidentId: purge.id,
    actId: purge.act('killing'),
    stance: 'alleges',
    about: 'Three deaths were reported during the 2017 purge',
    asserts: withCount(exact(3), { date: yearDate(2017) }),
  });

  return {
    collectionId,
    sourceId,
    incidentId: crackdown.id,
    purgeIncidentId: purge.id,
    actorIds: {
      network,
      kochetkov,
      chechenGovernment,
      kraimov,
      kadyrov,
      presidentialAdministration,
      peskov,
      police,
      rt,
      moscowTimes,
    },
    claimIds,
    created,
  };
}
