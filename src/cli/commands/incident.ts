import type { Command } from 'commander';
import type { Place } from '../../core/place.js';
import { ACT_TYPES, REVIEW_STATES, VERIFICATION_STATUSES, type ActType, type DatePrecision, type ReviewState, type VerificationStatus } from '../../core/vocabularies.js';
import { assign, DECISIONS, ensureCollection, pageLine, resolvePlace, withCollection, withJson, withPaging, type Env, type JsonOption, type PageOptions } from '../env.js';
import { fmtDate, formatIncidentView, table } from '../format.js';
import { readJsonInput } from '../io.js';
import { choice, collect, parseFuzzyDate, parsePrecision } from '../parse.js';

interface IncidentAddOptions extends JsonOption {
  title?: string;
  summary?: string;
  date?: string;
  datePrecision?: DatePrecision;
  place?: string;
  tag?: string[];
  act?: string[];
  collection?: string;
  jsonInput?: string;
}

export function registerIncident(program: Command, env: Env): void {
  const incident = program.command('incident').description('incidents and their acts');

  withJson(
    withCollection(incident.command('add'))
      .description('record an incident; acts given with --act start with no claims (add claims for their counts)')
      .option('--title <text>', 'title')
      .option('--summary <text>', 'summary')
      .option('--date <date>', 'when: 2019-01-14, 2018-12, 2018, 2018-12/late, week:2019-01-14, FROM..TO')
      .option('--date-precision <p>', 'override the precision of --date (day, week, month, year)', parsePrecision)
      .option('--place <code|id>', 'where: ISO 3166 code (RU-CE) or place id')
      .option('--tag <tag>', 'a tag (repeatable)', collect)
      .option('--act <type>', `an act (repeatable): ${ACT_TYPES.codes.join(', ')}`, (v: string, prev: string[] | undefined) => collect(choice(ACT_TYPES.codes)(v), prev))
      .option('--json-input <file>', 'the whole incident as JSON (- for stdin); flags override its fields'),
  ).action(async (o: IncidentAddOptions) => {
    const body = o.jsonInput ? await readJsonInput(env.deps, o.jsonInput) : {};
    const app = await env.app();
    assign(body, {
      collectionId: o.collection,
      title: o.title,
      summary: o.summary,
      date: o.date !== undefined ? parseFuzzyDate(o.date, o.datePrecision) : undefined,
      placeId: o.place !== undefined ? await resolvePlace(app, o.place, '--place') : undefined,
      tags: o.tag,
      acts: o.act?.map((type) => ({ type })),
    });
    await ensureCollection(app, body.collectionId as string | undefined);
    const i = await app.createIncident(body);
    await env.print(o.json, i, () => [`created incident ${i.id}`, ...i.acts.map((a) => `  act ${a.id} ${a.type}`)].join('\n') + '\n');
  });

  withJson(withPaging(withCollection(incident.command('list'))))
    .description('list incidents, newest first')
    .option('--status <status>', `only this status: ${VERIFICATION_STATUSES.codes.join(', ')}`, choice(VERIFICATION_STATUSES.codes))
    .option('--act-type <type>', 'only incidents with an act of this type', choice(ACT_TYPES.codes))
    .option('--review <state>', 'proposed, accepted or rejected', choice(REVIEW_STATES.codes))
    .action(async (o: JsonOption & PageOptions & { status?: VerificationStatus; actType?: ActType; review?: ReviewState; collection?: string }) => {
      const page = await (await env.app()).listIncidents({ collectionId: o.collection, status: o.status, actType: o.actType, review: o.review, limit: o.limit, offset: o.offset });
      await env.print(o.json, page, () =>
        (page.items.length > 0
          ? table(
              ['id', 'status', 'date', 'acts', 'title'],
              page.items.map((i) => [i.id, i.status, fmtDate(i.date), i.acts.map((a) => a.type).join(', ') || null, i.title]),
            )
          : '') + pageLine(page, 'incidents'),
      );
    });

  for (const [name, decision] of Object.entries(DECISIONS)) {
    withJson(incident.command(name).argument('<id>', 'incident id'))
      .description(`${name} a proposed incident${name === 'reject' ? ' (and the claims still proposed on it)' : ''}; only accepted incidents count`)
      .action(async (id: string, o: JsonOption) => {
        const i = await (await env.app()).reviewIncident({ id, decision });
        await env.print(o.json, i, () => `incident ${i.id} ${decision} (status ${i.status})\n`);
      });
  }

  withJson(incident.command('show').argument('<id>', 'incident id'))
    .description('the incident: each act with its reconciled count and the claims for and against it')
    .action(async (id: string, o: JsonOption) => {
      const app = await env.app();
      const view = await app.getIncidentView(id);
      await env.print(o.json, view, async () => {
        const ids = new Set([view.incident.placeId, ...view.incident.acts.map((a) => a.placeId)].filter((p): p is string => p !== null));
        const places = new Map<string, Place>();
        for (const pid of ids) places.set(pid, await app.getPlace(pid));
        return formatIncidentView(view, places);
      });
    });
}
