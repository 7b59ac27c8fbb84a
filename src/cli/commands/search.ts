import type { Command } from 'commander';
import { ACT_TYPES, VERIFICATION_STATUSES, type ActType, type VerificationStatus } from '../../core/vocabularies.js';
import { withCollection, withJson, type Env, type JsonOption, type PageOptions } from '../env.js';
import { formatSearch, formatStats } from '../format.js';
import { choice, parseFuzzyDate, parseNonNegativeInt } from '../parse.js';

interface SearchOptions extends JsonOption, PageOptions {
  kind?: 'incident' | 'claim' | 'source';
  actType?: ActType;
  status?: VerificationStatus;
  country?: string;
  region?: string;
  year?: number;
  outlet?: string;
  collection?: string;
}

interface StatsOptions extends JsonOption {
  from?: string;
  to?: string;
  status?: VerificationStatus[];
  actType?: ActType;
  country?: string;
  collection?: string;
}

const statusList = (v: string, prev: VerificationStatus[] | undefined): VerificationStatus[] => [
  ...(prev ?? []),
  ...v.split(',').map((s) => choice(VERIFICATION_STATUSES.codes)(s.trim())),
];

export function registerSearch(program: Command, env: Env): void {
  withJson(withCollection(program.command('search')))
    .description('full-text search over incidents, claims and sources (English and Russian)')
    .argument('<query...>', 'words to look for')
    .option('--kind <kind>', 'incident, claim or source', choice(['incident', 'claim', 'source'] as const))
    .option('--act-type <type>', 'only records about this act type', choice(ACT_TYPES.codes))
    .option('--status <status>', 'only incidents (and their claims) with this status', choice(VERIFICATION_STATUSES.codes))
    .option('--country <code>', 'ISO 3166-1 country code, e.g. RU')
    .option('--region <code>', 'ISO 3166-2 region code, e.g. RU-CE')
    .option('--year <yyyy>', 'year of the incident', parseNonNegativeInt)
    .option('--outlet <name>', 'outlet of the source')
    .option('--limit <n>', 'how many hits (default 20, at most 100)', parseNonNegativeInt)
    .option('--offset <n>', 'how many hits to skip', parseNonNegativeInt)
    .action(async (words: string[], o: SearchOptions) => {
      const r = await (await env.app()).search({
        q: words.join(' '),
        collectionId: o.collection,
        kind: o.kind,
        actType: o.actType,
        status: o.status,
        country: o.country,
        region: o.region,
        year: o.year,
        outlet: o.outlet,
        limit: o.limit,
        offset: o.offset,
      });
      await env.print(o.json, r, () => formatSearch(r));
    });

  withJson(withCollection(program.command('stats')))
    .description('victims by act type × month × region, with lower and upper bounds (refuted incidents left out)')
    .option('--from <date>', 'from this date or month (2018-12, 2018-12-01)')
    .option('--to <date>', 'up to this date or month')
    .option('--status <status>', 'only these statuses (repeatable or comma-separated)', statusList)
    .option('--act-type <type>', 'only this act type', choice(ACT_TYPES.codes))
    .option('--country <code>', 'ISO 3166-1 country code')
    .action(async (o: StatsOptions) => {
      // A month or year is the first day for --from and the last day for --to.
      const from = o.from !== undefined ? (parseFuzzyDate(o.from).start ?? undefined) : undefined;
      const to = o.to !== undefined ? (parseFuzzyDate(o.to).end ?? undefined) : undefined;
      const r = await (await env.app()).stats({ collectionId: o.collection, from, to, status: o.status, actType: o.actType, country: o.country });
      await env.print(o.json, r, () => formatStats(r));
    });
}
