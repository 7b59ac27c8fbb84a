import { open, rename, rm } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  exportIncidentsCsv,
  exportJsonl,
  importIncidentsCsv,
  importJsonl,
  RECORD_TYPES,
  type CsvImportSummary,
  type ImportSummary,
} from '../../app/exchange.js';
import { withCollection, withJson, type Env, type JsonOption } from '../env.js';
import { table } from '../format.js';
import { CliError, EXIT_BAD_INPUT, openLines, Progress, readTextInput, type Writer } from '../io.js';
import { choice } from '../parse.js';

type Format = 'jsonl' | 'csv';

interface ExportOptions {
  format: Format;
  out?: string;
  collection?: string;
}

interface ImportOptions extends JsonOption {
  format?: Format;
  overwrite?: boolean;
  source?: string;
  collection?: string;
}

/** Buffered writes to a new file; every failure surfaces as a rejected promise, never as an event. */
async function fileWriter(file: string): Promise<{ writer: Writer; done(): Promise<void>; abort(): Promise<void> }> {
  const handle = await open(file, 'wx');
  let buffer = '';
  const flush = async (): Promise<void> => {
    const chunk = buffer;
    buffer = '';
    if (chunk) await handle.write(chunk);
  };
  return {
    writer: {
      write: (s) => {
        buffer += s;
        if (buffer.length >= 1 << 16) return flush();
      },
    },
    async done() {
      try {
        await flush();
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    abort: () => handle.close().catch(() => undefined),
  };
}

const unwritable = (file: string, e: unknown): CliError =>
  new CliError('FILE_UNWRITABLE', `cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`, EXIT_BAD_INPUT);

export function registerExchange(program: Command, env: Env): void {
  withCollection(program.command('export'), 'only this collection (default: all)')
    .description('write every record: JSONL (lossless, for import) or CSV (one row per act, for spreadsheets)')
    .option('--format <format>', 'jsonl or csv', choice(['jsonl', 'csv'] as const), 'jsonl')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--json', 'accepted for symmetry: the export itself is the machine output')
    .action(async (o: ExportOptions) => {
      const app = await env.app();
      if (o.collection !== undefined) await app.getCollection(o.collection);
      const opts = o.collection !== undefined ? { collectionIds: [o.collection] } : {};
      // Written beside the target and renamed at the end: a failed export leaves no half file.
      const partial = o.out !== undefined ? `${o.out}.partial-${process.pid}` : undefined;
      let file: Awaited<ReturnType<typeof fileWriter>> | undefined;
      if (partial !== undefined) file = await fileWriter(partial).catch((e: unknown) => Promise.reject(unwritable(o.out ?? partial, e)));
      const out = file?.writer ?? env.deps.stdout;
      const progress = new Progress(env.deps, 'exported');
      let n = 0;
      try {
        // One transaction, so that on SQLite the export is one snapshot even while the server writes.
        await app.batch(async (ctx) => {
          const lines = o.format === 'csv' ? exportIncidentsCsv(ctx, opts) : exportJsonl(ctx, opts);
          for await (const line of lines) {
            await out.write(`${line}${o.format === 'csv' ? '\r\n' : '\n'}`);
            progress.update(++n);
          }
        });
        if (file !== undefined && partial !== undefined && o.out !== undefined) {
          await file.done().catch((e: unknown) => Promise.reject(unwritable(partial, e)));
          await rename(partial, o.out).catch((e: unknown) => Promise.reject(unwritable(o.out ?? partial, e)));
        }
      } catch (e) {
        if (file !== undefined && partial !== undefined) {
          await file.abort();
          await rm(partial, { force: true });
        }
        throw e;
      }
      await progress.finish(n);
    });

  withJson(withCollection(program.command('import'), 'CSV only: the collection the incidents go to'))
    .description('read records: JSONL from `vigil export` (idempotent by id), or a CSV of incidents')
    .argument('<file>', 'the file to read, or - for stdin')
    .option('--format <format>', 'jsonl or csv (default: from the file name, else jsonl)', choice(['jsonl', 'csv'] as const))
    .option('--overwrite', 'JSONL: replace records whose id exists with different content (default: refuse)')
    .option('--source <id>', 'CSV: the source of count claims in rows without source_id')
    .action(async (file: string, o: ImportOptions) => {
      const format: Format = o.format ?? (/\.csv$/i.test(file) ? 'csv' : 'jsonl');
      const app = await env.app();
      const progress = new Progress(env.deps, 'imported');
      let done = 0;
      const onProgress = (n: number): void => {
        done = n;
        progress.update(n);
      };
      if (format === 'csv') {
        const text = await readTextInput(env.deps, file, 'CSV file');
        const r: CsvImportSummary = await app.batch((ctx) =>
          importIncidentsCsv(ctx, text, onProgress, { sourceId: o.source, collectionId: o.collection }),
        );
        await progress.finish(done);
        await env.print(o.json, r, () => `imported ${r.incidents} incident(s), ${r.acts} act(s), ${r.claims} claim(s)\n`);
        return;
      }
      const lines = await openLines(env.deps, file, 'JSONL file');
      const r: ImportSummary = await app.batch((ctx) => importJsonl(ctx, lines, onProgress, { onConflict: o.overwrite ? 'overwrite' : 'refuse' }));
      await progress.finish(done);
      await env.print(o.json, r, () =>
        table(['type', 'created', 'updated', 'unchanged'], RECORD_TYPES.map((t) => [t, r[t].created, r[t].updated, r[t].unchanged])),
      );
    });
}
