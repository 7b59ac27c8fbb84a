import type { Command } from 'commander';
import { ACTOR_KINDS, ORGANISATION_TYPES, type ActorKind } from '../../core/vocabularies.js';
import { assign, ensureCollection, pageLine, withCollection, withJson, withPaging, type Env, type JsonOption, type PageOptions } from '../env.js';
import { table } from '../format.js';
import { readJsonInput } from '../io.js';
import { choice } from '../parse.js';

interface ActorAddOptions extends JsonOption {
  kind?: string;
  name?: string;
  nameRu?: string;
  type?: string;
  parent?: string;
  role?: string;
  notes?: string;
  collection?: string;
  jsonInput?: string;
}

export function registerActor(program: Command, env: Env): void {
  const actor = program.command('actor').description('actors: organisations (agencies, units, NGOs, outlets) and persons');

  withJson(
    withCollection(actor.command('add'))
      .description('record an organisation or a person')
      .option('--kind <kind>', 'organisation or person', choice(ACTOR_KINDS.codes))
      .option('--name <name>', 'name (for private persons, a pseudonym)')
      .option('--name-ru <name>', 'name in Russian')
      .option('--type <type>', `organisation type: ${ORGANISATION_TYPES.codes.join(', ')}`, choice(ORGANISATION_TYPES.codes))
      .option('--parent <id>', 'the organisation it belongs to (for a person: speaks for)')
      .option('--role <role>', "a person's role, e.g. spokesperson")
      .option('--notes <text>', 'notes')
      .option('--json-input <file>', 'the whole actor as JSON (- for stdin); flags override its fields'),
  ).action(async (o: ActorAddOptions) => {
    const body = o.jsonInput ? await readJsonInput(env.deps, o.jsonInput) : {};
    assign(body, {
      collectionId: o.collection,
      kind: o.kind,
      name: o.name,
      nameRu: o.nameRu,
      organisationType: o.type,
      parentId: o.parent,
      role: o.role,
      notes: o.notes,
    });
    const app = await env.app();
    await ensureCollection(app, body.collectionId as string | undefined);
    const a = await app.createActor(body);
    await env.print(o.json, a, () => `created actor ${a.id}\n`);
  });

  withJson(withPaging(withCollection(actor.command('list'))))
    .description('list actors by name')
    .option('--kind <kind>', 'organisation or person', choice(ACTOR_KINDS.codes))
    .option('--name <text>', 'name contains (English or Russian)')
    .action(async (o: JsonOption & PageOptions & { kind?: ActorKind; name?: string; collection?: string }) => {
      const page = await (await env.app()).listActors({ collectionId: o.collection, kind: o.kind, name: o.name, limit: o.limit, offset: o.offset });
      await env.print(o.json, page, () =>
        (page.items.length > 0
          ? table(
              ['id', 'kind', 'type / role', 'parent', 'name'],
              page.items.map((a) => [a.id, a.kind, a.organisationType ?? a.role, a.parentId, a.name]),
            )
          : '') + pageLine(page, 'actors'),
      );
    });
}
