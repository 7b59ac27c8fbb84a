/**
 * `vigil audit verify|export|list`: the audit chain (docs/audit.md). Verifying reads the
 * database without locking anything, so it can run beside a live server; `--file` checks an
 * exported copy on its own, without the database.
 */
import { open, rm, type FileHandle } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  appendAudit,
  AuditExportFormatError,
  exportAudit,
  listAudit,
  readExportAnchors,
  verifyAudit,
  verifyAuditExport,
  type AuditFileVerification,
  type AuditVerification,
} from '../../app/audit.js';
import type { VigilApp } from '../../app/index.js';
import { AUDIT_OUTCOMES, type AuditOutcome } from '../../core/security.js';
import { createSecurityServices, newServerSecret } from '../../crypto/services.js';
import { withJson, withPaging, type Env, type JsonOption, type PageOptions } from '../env.js';
import { table } from '../format.js';
import { CliError, EXIT_BAD_INPUT, EXIT_FAILURE, openLines } from '../io.js';
import { choice } from '../parse.js';

interface VerifyOptions extends JsonOption {
  file?: string;
  publicKey?: string;
  against?: string;
}

interface ExportOptions extends JsonOption {
  out: string;
}

interface ListOptions extends JsonOption, PageOptions {
  action?: string;
  actor?: string;
  collection?: string;
  outcome?: AuditOutcome;
}

function auditKey(app: VigilApp): string {
  const key = app.deps.security?.auditPublicKey;
  if (!key) throw new CliError('CONFIG', 'the security services are not configured', EXIT_FAILURE);
  return key;
}

/** Exit 1 with `audit chain broken at row N: reason`, and the detail on the next line. */
function broken(r: Extract<AuditVerification, { ok: false }>, prefix = ''): CliError {
  return new CliError('AUDIT_BROKEN', `${prefix}audit chain broken at row ${r.firstBadSeq}: ${r.reason}`, EXIT_FAILURE, [{ path: `row ${r.firstBadSeq}`, message: r.message }]);
}

async function readAnchors(env: Env, file: string) {
  try {
    return await readExportAnchors(await openLines(env.deps, file, 'audit export'));
  } catch (e) {
    if (e instanceof AuditExportFormatError) throw new CliError('FILE_UNREADABLE', `${file}: ${e.message}`, EXIT_BAD_INPUT);
    throw e;
  }
}

/** Buffered writes to a new file that must not exist yet, readable by its owner only. */
async function newPrivateFile(file: string): Promise<FileHandle> {
  try {
    return await open(file, 'wx', 0o600);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CliError('FILE_EXISTS', `${file} exists already: choose a new name (an export never overwrites)`, EXIT_BAD_INPUT);
    throw new CliError('FILE_UNWRITABLE', `cannot write ${file}: ${code ?? 'error'}`, EXIT_BAD_INPUT);
  }
}

export function registerAudit(program: Command, env: Env): void {
  const audit = program.command('audit').description('the audit chain: verify it, export it for safekeeping, list it');

  withJson(audit.command('verify'))
    .description('check every row against its hash, its predecessor and the signed checkpoints; exit 1 naming the first bad row')
    .option('--file <file>', 'verify an exported file (vigil audit export) on its own, without the database')
    .option('--public-key <hex>', "with --file: the installation's audit public key, which the file's signatures must be made with")
    .option('--against <file>', 'also hold the database to the checkpoints of an earlier export kept elsewhere')
    .action(async (o: VerifyOptions) => {
      if (o.file !== undefined) {
        if (o.against !== undefined) throw new CliError('USAGE', '--against checks the database: it does not go with --file', EXIT_BAD_INPUT);
        // Verifying a file needs no secret: its signatures are checked under a public key.
        const verifier = createSecurityServices({ serverSecret: newServerSecret() });
        const r: AuditFileVerification = await verifyAuditExport(await openLines(env.deps, o.file, 'audit export'), verifier, o.publicKey !== undefined ? { publicKey: o.publicKey } : {});
        await env.print(o.json, r, () =>
          r.ok
            ? `audit export intact: ${r.checkedRows} row(s), signed up to seq ${r.lastSeq}\n` +
              (r.keyGiven
                ? `signatures checked against the key given: ${r.publicKey ?? ''}\n`
                : `signatures checked against the key inside the file: ${r.publicKey ?? '?'}\n  (pass --public-key with your installation's key to check the file is its own)\n`)
            : '',
        );
        if (!r.ok) throw broken(r, `${o.file}: `);
        return;
      }
      if (o.publicKey !== undefined) throw new CliError('USAGE', '--public-key goes with --file (the database is checked with the key of its server secret)', EXIT_BAD_INPUT);
      const anchors = o.against !== undefined ? await readAnchors(env, o.against) : undefined;
      const app = await env.app();
      const key = auditKey(app);
      const r = await app.batch((ctx) => verifyAudit(ctx, anchors ? { anchors } : {}));
      await env.print(o.json, { ...r, publicKey: key }, () =>
        r.ok
          ? `audit chain intact: ${r.checkedRows} row(s), last seq ${r.lastSeq}${anchors ? `; consistent with the ${anchors.length} checkpoint(s) of ${o.against}` : ''}\naudit public key: ${key}\n`
          : '',
      );
      if (!r.ok) throw broken(r);
    });

  withJson(audit.command('export'))
    .description('write the log with its signed checkpoints as JSON lines, for safekeeping elsewhere (vigil audit verify --file checks it)')
    .requiredOption('--out <file>', 'the file to write: must not exist; readable by you only (mode 0600)')
    .action(async (o: ExportOptions) => {
      const app = await env.app();
      const key = auditKey(app);
      const handle = await newPrivateFile(o.out);
      let buffer = '';
      const flush = async () => {
        const chunk = buffer;
        buffer = '';
        if (chunk) await handle.write(chunk);
      };
      let summary;
      try {
        // One transaction: on SQLite the export is one snapshot, even while the server writes.
        summary = await app.batch((ctx) =>
          exportAudit(ctx, async (line) => {
            buffer += `${line}\n`;
            if (buffer.length >= 1 << 16) await flush();
          }),
        );
        await flush();
        await handle.sync();
        await handle.close();
      } catch (e) {
        await handle.close().catch(() => undefined);
        await rm(o.out, { force: true });
        throw e;
      }
      const s = summary;
      // The export is itself recorded — afterwards, in its own transaction, so the export held no lock.
      await app.batch((ctx) =>
        appendAudit(ctx, {
          actorId: null,
          action: 'audit.export',
          entity: 'audit',
          entityId: null,
          collectionId: null,
          outcome: s.verification.ok ? 'ok' : 'failed',
          details: { rows: s.rows, lastSeq: s.lastSeq },
        }),
      );
      if (!s.verification.ok) throw broken(s.verification, `exported ${s.rows} row(s) to ${o.out} without a final signature: `);
      await env.print(o.json, { file: o.out, rows: s.rows, checkpoints: s.checkpoints, lastSeq: s.lastSeq, publicKey: key }, () =>
        `exported ${s.rows} row(s) and ${s.checkpoints} checkpoint(s) to ${o.out}, signed at seq ${s.lastSeq}\naudit public key: ${key}\n` +
        `keep it away from this server; check it with: vigil audit verify --file ${o.out} --public-key ${key}\n`,
      );
    });

  withPaging(withJson(audit.command('list')))
    .description('rows of the audit log, newest first')
    .option('--action <action>', 'only this action, e.g. sign_in, person.reveal')
    .option('--actor <id>', 'only rows of this account')
    .option('--collection <id>', 'only rows about this collection')
    .option('--outcome <outcome>', 'ok, denied or failed', choice(AUDIT_OUTCOMES))
    .action(async (o: ListOptions) => {
      const app = await env.app();
      const filter = {
        ...(o.action !== undefined ? { action: o.action } : {}),
        ...(o.actor !== undefined ? { actorId: o.actor } : {}),
        ...(o.collection !== undefined ? { collectionId: o.collection } : {}),
        ...(o.outcome !== undefined ? { outcome: o.outcome } : {}),
      };
      const page = await app.batch((ctx) => listAudit(ctx, { filter, ...(o.limit !== undefined ? { limit: o.limit } : {}), ...(o.offset !== undefined ? { offset: o.offset } : {}) }));
      await env.print(o.json, page, () =>
        page.total === 0
          ? 'no audit rows\n'
          : `${page.offset + 1}–${page.offset + page.items.length} of ${page.total} audit rows\n` +
            table(
              ['seq', 'at', 'actor', 'action', 'entity', 'id', 'collection', 'outcome', 'details'],
              page.items.map((r) => [r.seq, r.at, r.actorId, r.action, r.entity, r.entityId, r.collectionId, r.outcome, Object.keys(r.details).length ? JSON.stringify(r.details) : null]),
            ),
      );
    });
}
