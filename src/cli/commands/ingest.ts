/**
 * Reading articles: `extract` shows what the extractor proposes for a text, `ingest` stores the
 * text as a source with its proposals for review, `review source` decides a whole source at once
 * (docs/ingest.md). Incidents and claims are reviewed one by one with `incident accept|reject`
 * and `claim accept|reject`.
 */
import type { Command } from 'commander';
import type { IngestResult } from '../../app/index.js';
import { SOURCE_KINDS } from '../../core/vocabularies.js';
import { DECISIONS, ensureCollection, withCollection, withJson, type Env, type JsonOption } from '../env.js';
import { formatIngest, formatProposal } from '../format.js';
import { readTextInput } from '../io.js';
import { choice } from '../parse.js';

interface ExtractOptions extends JsonOption {
  published: string;
  outlet?: string;
  title?: string;
  url?: string;
}

interface IngestOptions extends ExtractOptions {
  collection?: string;
  kind?: string;
}

const withTextOptions = (c: Command): Command =>
  c
    .argument('<file>', 'the text, as a UTF-8 file (- for stdin)')
    .requiredOption('--published <date>', 'when it was published, YYYY-MM-DD (relative dates such as "on Monday" are read against it)')
    .option('--outlet <name>', 'outlet or body that published it')
    .option('--title <text>', 'title of the article')
    .option('--url <url>', 'http(s) address of the article');

export function registerIngest(program: Command, env: Env): void {
  withJson(withTextOptions(program.command('extract')))
    .description('show the incidents and statements the extractor proposes for a text; stores nothing')
    .action(async (file: string, o: ExtractOptions) => {
      const text = await readTextInput(env.deps, file, 'text file');
      const app = await env.app({ extractor: true });
      const p = await app.extractText({ text, published: o.published, outlet: o.outlet ?? null, title: o.title ?? null, url: o.url ?? null });
      await env.print(o.json, p, () => formatProposal(p));
    });

  withJson(withCollection(withTextOptions(program.command('ingest'))))
    .description('store a text as a source, with the incidents and claims read from it proposed for review')
    .option('--kind <kind>', `kind of source (default news_article): ${SOURCE_KINDS.codes.join(', ')}`, choice(SOURCE_KINDS.codes))
    .action(async (file: string, o: IngestOptions) => {
      const text = await readTextInput(env.deps, file, 'text file');
      const app = await env.app({ extractor: true });
      await ensureCollection(app, o.collection);
      // Proposed places are found in the gazetteer: make sure it is loaded.
      await app.seedGazetteer();
      const r: IngestResult = await app.ingestText({
        text,
        published: o.published,
        outlet: o.outlet ?? null,
        title: o.title ?? null,
        url: o.url ?? null,
        ...(o.collection !== undefined ? { collectionId: o.collection } : {}),
        ...(o.kind !== undefined ? { kind: o.kind } : {}),
      });
      await env.print(o.json, r, () => formatIngest(r));
    });

  const review = program.command('review').description('accept or reject what was proposed from a text');
  withJson(review.command('source'))
    .argument('<id>', 'source id')
    .argument('<decision>', 'accept or reject', choice(Object.keys(DECISIONS) as (keyof typeof DECISIONS)[]))
    .description('accept or reject everything still proposed from a source: its claims and the incidents they made')
    .action(async (id: string, decision: keyof typeof DECISIONS, o: JsonOption) => {
      const r = await (await env.app()).reviewSource({ id, decision: DECISIONS[decision] });
      await env.print(o.json, r, () => `source ${id}: ${r.claims} claim(s) and ${r.incidents} incident(s) ${DECISIONS[decision]}\n`);
    });
}
