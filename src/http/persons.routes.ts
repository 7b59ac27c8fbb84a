import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { VigilApp } from '../app/index.js';
import { PersonFindSchema, PersonIdentitySchema, PersonInputSchema, PersonListQuerySchema, PersonPatchSchema } from '../app/persons.js';
import { created } from './area.js';
import { BODY_ERRORS, errorResponses, IdParamsSchema, NoContentSchema, pageOf } from './schemas.js';

const tags = ['persons'];

const PersonViewSchema = z.object({ id: z.string(), collectionId: z.string(), pseudonym: z.string(), createdAt: z.string(), updatedAt: z.string() });
const RevealedSchema = PersonViewSchema.extend({ identity: PersonIdentitySchema });

/** Persons: pseudonyms for every member; the sealed identity only through an audited reveal. */
export const personRoutes: FastifyPluginAsyncZod<{ app: VigilApp }> = async (r) => {
  r.post(
    '/persons',
    {
      schema: {
        tags,
        operationId: 'createPerson',
        summary: 'Record a person: the identifying fields are sealed under the collection key',
        body: PersonInputSchema,
        response: { 201: PersonViewSchema, ...errorResponses(...BODY_ERRORS, 401, 403, 404) },
      },
    },
    async (req, reply) => created(reply, 'persons', await req.vigil.createPerson(req.body)),
  );

  r.get(
    '/persons',
    { schema: { tags, operationId: 'listPersons', summary: 'Persons by pseudonym', querystring: PersonListQuerySchema, response: { 200: pageOf(PersonViewSchema), ...errorResponses(400, 401) } } },
    async (req) => req.vigil.listPersons(req.query),
  );

  r.get(
    '/persons/find',
    {
      schema: {
        tags,
        operationId: 'findPersons',
        summary: 'Persons whose names hold every word given, in any script (blind index; audited)',
        querystring: PersonFindSchema,
        response: { 200: z.object({ items: z.array(PersonViewSchema) }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => ({ items: await req.vigil.findPersons(req.query) }),
  );

  r.post(
    '/persons/:id/reveal',
    {
      schema: {
        tags,
        operationId: 'revealPerson',
        summary: 'Open a person’s sealed identity (roles that may reveal; audited)',
        params: IdParamsSchema,
        response: { 200: RevealedSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => req.vigil.revealPerson(req.params.id),
  );

  r.patch(
    '/persons/:id',
    {
      schema: {
        tags,
        operationId: 'updatePerson',
        summary: 'Change the pseudonym or replace the sealed identity',
        params: IdParamsSchema,
        body: PersonPatchSchema,
        response: { 200: PersonViewSchema, ...errorResponses(...BODY_ERRORS, 401, 403, 404) },
      },
    },
    async (req) => req.vigil.updatePerson({ id: req.params.id, patch: req.body }),
  );

  r.delete(
    '/persons/:id',
    { schema: { tags, operationId: 'deletePerson', summary: 'Delete a person', params: IdParamsSchema, response: { 204: NoContentSchema, ...errorResponses(400, 401, 403, 404) } } },
    async (req, reply) => {
      await req.vigil.deletePerson(req.params.id);
      return reply.code(204).send(null);
    },
  );
};
