import type { Command } from 'commander';
import type { Actor } from '../../core/actor.js';
import { ValidationError } from '../../core/errors.js';
import { ACT_TYPES, CREDIBILITY, REVIEW_STATES, STANCES, type ActType, type DatePrecision, type ReviewState, type Stance } from '../../core/vocabularies.js';
import type { Count } from '../../core/count.js';
import { assign, pageLine, resolvePlace, withCollection, withJson, withPaging, type Env, type JsonOption, type PageOptions } from '../env.js';
import { formatClaim, table } from '../format.js';
import { readJsonInput } from '../io.js';
import { choice, parseCount, parseFuzzyDate, parsePrecision } from '../parse.js';

interface ClaimAddOptions extends JsonOption {
  source?: string;
  incident?: string;
  act?: string;
  actType?: ActType;
  speaker?: string;
  speakerRole?: string;
  relay?: string;
  stance?: Stance;
  about?: string;
  quote?: string;
  count?: Count;
  date?: string;
  datePrecision?: DatePrecision;
  perpetrator?: string;
  place?: string;
  credibility?: string;
  review?: ReviewState;
  jsonInput?: string;
}

interface ClaimListOptions extends JsonOption, PageOptions {
  incident?: string;
  source?: string;
  speaker?: string;
  stance?: Stance;
  review?: ReviewState;
  collection?: string;
}

export function registerClaim(program: Command, env: Env): void {
  const claim = program.command('claim').description('claims: who says what about an incident or act, in which source');

  withJson(
    claim
      .command('add')
      .description('record what a source says (through a speaker, with a stance) about an incident or act')
      .option('--source <id>', 'the source it comes from')
      .option('--incident <id>', 'the incident it is about')
      .option('--act <id>', 'the act it is about')
      .option('--act-type <type>', 'the act of this type in --incident (instead of --act)', choice(ACT_TYPES.codes))
      .option('--speaker <id>', 'the actor who speaks')
      .option('--speaker-role <text>', 'who speaks, when not a known actor ("activists")')
      .option('--relay <id>', 'the actor (outlet, NGO) that relays the statement')
      .option('--stance <stance>', `one of ${STANCES.codes.join(', ')}`, choice(STANCES.codes))
      .option('--about <text>', 'what is asserted, in a line')
      .option('--quote <text>', 'the words quoted')
      .option('--count <count>', 'victims asserted: 40, at_least:2, about:40, range:10-20, unspecified', parseCount)
      .option('--date <date>', 'date asserted (same forms as incident add --date)')
      .option('--date-precision <p>', 'override the precision of --date', parsePrecision)
      .option('--perpetrator <id>', 'the actor asserted to be responsible')
      .option('--place <code|id>', 'place asserted: ISO 3166 code or place id')
      .option('--credibility <n>', 'information credibility, 1–6', choice(CREDIBILITY.codes))
      .option('--review <state>', 'proposed or accepted (default accepted)', choice(REVIEW_STATES.codes))
      .option('--json-input <file>', 'the whole claim as JSON (- for stdin); flags override its fields'),
  ).action(async (o: ClaimAddOptions) => {
    const body = o.jsonInput ? await readJsonInput(env.deps, o.jsonInput) : {};
    const app = await env.app();
    let actId = o.act;
    if (o.actType !== undefined) {
      if (o.act !== undefined) throw new ValidationError('give --act or --act-type, not both', [{ path: '--act-type', message: 'conflicts with --act' }]);
      const incidentId = o.incident ?? (typeof body.incidentId === 'string' ? body.incidentId : undefined);
      if (incidentId === undefined) throw new ValidationError('--act-type needs --incident', [{ path: '--incident', message: 'required with --act-type' }]);
      const acts = (await app.getIncident(incidentId)).acts.filter((a) => a.type === o.actType);
      if (acts.length !== 1)
        throw new ValidationError('--act-type must name exactly one act of the incident', [
          { path: '--act-type', message: acts.length === 0 ? 'the incident has no act of this type' : `the incident has ${acts.length} acts of this type: use --act` },
        ]);
      actId = acts[0]?.id;
    }
    const given = (body.asserts ?? {}) as Record<string, unknown>;
    const asserts = assign(typeof given === 'object' && given !== null ? { ...given } : {}, {
      count: o.count,
      date: o.date !== undefined ? parseFuzzyDate(o.date, o.datePrecision) : undefined,
      perpetratorId: o.perpetrator,
      placeId: o.place !== undefined ? await resolvePlace(app, o.place, '--place') : undefined,
    });
    assign(body, {
      sourceId: o.source,
      incidentId: o.incident,
      actId,
      speakerId: o.speaker,
      speakerRole: o.speakerRole,
      relayId: o.relay,
      stance: o.stance,
      about: o.about,
      quote: o.quote,
      asserts: Object.keys(asserts).length > 0 ? asserts : undefined,
      credibility: o.credibility,
      review: o.review,
    });
    const c = await app.addClaim(body);
    await env.print(o.json, c, () => `created claim ${c.id}\n`);
  });

  withJson(withPaging(withCollection(claim.command('list'))))
    .description('list claims, oldest first')
    .option('--incident <id>', 'about this incident')
    .option('--source <id>', 'from this source')
    .option('--speaker <id>', 'by this speaker')
    .option('--stance <stance>', 'with this stance', choice(STANCES.codes))
    .option('--review <state>', 'proposed, accepted or rejected', choice(REVIEW_STATES.codes))
    .action(async (o: ClaimListOptions) => {
      const page = await (await env.app()).listClaims({
        collectionId: o.collection,
        incidentId: o.incident,
        sourceId: o.source,
        speakerId: o.speaker,
        stance: o.stance,
        review: o.review,
        limit: o.limit,
        offset: o.offset,
      });
      await env.print(o.json, page, () =>
        (page.items.length > 0
          ? table(['id', 'stance', 'review', 'incident', 'about'], page.items.map((c) => [c.id, c.stance, c.review, c.incidentId, c.about]))
          : '') + pageLine(page, 'claims'),
      );
    });

  withJson(claim.command('show').argument('<id>', 'claim id'))
    .description('show one claim with its speaker, relay and source')
    .action(async (id: string, o: JsonOption) => {
      const app = await env.app();
      const c = await app.getClaim(id);
      await env.print(o.json, c, async () => {
        const actors = new Map<string, Actor>();
        for (const aid of [c.speakerId, c.relayId, c.asserts.perpetratorId]) if (aid) actors.set(aid, await app.getActor(aid));
        return formatClaim(c, actors, await app.getSource(c.sourceId));
      });
    });

  for (const [name, decision] of [['accept', 'accepted'], ['reject', 'rejected']] as const) {
    withJson(claim.command(name).argument('<id>', 'claim id'))
      .description(`${name} a claim after review (only accepted claims count)`)
      .action(async (id: string, o: JsonOption) => {
        const c = await (await env.app()).reviewClaim({ id, decision });
        await env.print(o.json, c, () => `claim ${c.id} ${decision}\n`);
      });
  }
}
