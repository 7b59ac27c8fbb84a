import type { Command } from 'commander';
import { RELIABILITY, SOURCE_KINDS } from '../../core/vocabularies.js';
import { assign, ensureCollection, pageLine, withCollection, withJson, withPaging, type Env, type JsonOption, type PageOptions } from '../env.js';
import { table, formatSource } from '../format.js';
import { readJsonInput, readTextInput } from '../io.js';
import { choice } from '../parse.js';

interface SourceAddOptions extends JsonOption {
  kind?: string;
  title?: string;
  outlet?: string;
  author?: string;
  url?: string;
  language?: string;
  published?: string;
  obtained?: string;
  reliability?: string;
  textFile?: string;
  notes?: string;
  collection?: string;
  jsonInput?: string;
}

export function registerSource(program: Command, env: Env): void {
  const source = program.command('source').description('sources: articles, reports, testimonies, statements');

  withJson(
    withCollection(source.command('add'))
      .description('record a source')
      .option('--kind <kind>', `one of ${SOURCE_KINDS.codes.join(', ')}`, choice(SOURCE_KINDS.codes))
      .option('--title <text>', 'title of the source')
      .option('--outlet <name>', 'outlet or body that published it')
      .option('--author <name>', 'author')
      .option('--url <url>', 'http(s) address')
      .option('--language <code>', 'ISO 639 language code (en, ru)')
      .option('--published <date>', 'publication date, YYYY-MM-DD')
      .option('--obtained <date>', 'when we obtained it, YYYY-MM-DD')
      .option('--reliability <grade>', 'source reliability, A–F', choice(RELIABILITY.codes))
      .option('--text-file <file>', 'the full text, from a file (- for stdin)')
      .option('--notes <text>', 'notes')
      .option('--json-input <file>', 'the whole source as JSON (- for stdin); flags override its fields'),
  ).action(async (o: SourceAddOptions) => {
    const body = o.jsonInput ? await readJsonInput(env.deps, o.jsonInput) : {};
    assign(body, {
      collectionId: o.collection,
      kind: o.kind,
      title: o.title,
      outlet: o.outlet,
      author: o.author,
      url: o.url,
      language: o.language,
      publishedAt: o.published,
      obtainedAt: o.obtained,
      reliability: o.reliability,
      text: o.textFile ? await readTextInput(env.deps, o.textFile, 'text file') : undefined,
      notes: o.notes,
    });
    const app = await env.app();
    await ensureCollection(app, body.collectionId as string | undefined);
    const s = await app.createSource(body);
    await env.print(o.json, s, () => `created source ${s.id}\n`);
  });

  withJson(withPaging(withCollection(source.command('list'))))
    .description('list sources, newest first')
    .option('--outlet <name>', 'only this outlet')
    .action(async (o: JsonOption & PageOptions & { outlet?: string; collection?: string }) => {
      const app = await env.app();
      const page = await app.listSources({ collectionId: o.collection, outlet: o.outlet, limit: o.limit, offset: o.offset });
      await env.print(o.json, page, () =>
        (page.items.length > 0 ? table(['id', 'published', 'kind', 'outlet', 'title'], page.items.map((s) => [s.id, s.publishedAt, s.kind, s.outlet, s.title])) : '') +
        pageLine(page, 'sources'),
      );
    });

  withJson(source.command('show').argument('<id>', 'source id'))
    .description('show one source')
    .action(async (id: string, o: JsonOption) => {
      const s = await (await env.app()).getSource(id);
      await env.print(o.json, s, () => formatSource(s));
    });
}
