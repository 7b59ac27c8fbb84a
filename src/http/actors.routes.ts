import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ActorInputSchema, ActorPatchSchema, ActorSchema } from '../core/actor.js';
import { created, type AreaOptions } from './area.js';
import { ActorListQuerySchema, BODY_ERRORS, errorResponses, IdParamsSchema, NoContentSchema, pageOf } from './schemas.js';

const tags = ['actors'];

export const actorRoutes: FastifyPluginAsyncZod<AreaOptions> = async (r) => {
  r.post(
    '/actors',
    {
      schema: {
        tags,
        operationId: 'createActor',
        summary: 'Add an organisation or a (pseudonymous) person',
        body: ActorInputSchema,
        response: { 201: ActorSchema, ...errorResponses(...BODY_ERRORS, 404) },
      },
    },
    async (req, reply) => created(reply, 'actors', await req.vigil.createActor(req.body)),
  );

  r.get(
    '/actors',
    {
      schema: {
        tags,
        operationId: 'listActors',
        summary: 'List actors',
        querystring: ActorListQuerySchema,
        response: { 200: pageOf(ActorSchema), ...errorResponses(400) },
      },
    },
    async (req) => req.vigil.listActors(req.query),
  );

  r.get(
    '/actors/:id',
    {
      schema: {
        tags,
        operationId: 'getActor',
        summary: 'Get an actor',
        params: IdParamsSchema,
        response: { 200: ActorSchema, ...errorResponses(400, 404) },
      },
    },
    async (req) => req.vigil.getActor(req.params.id),
  );

  r.patch(
    '/actors/:id',
    {
      schema: {
        tags,
        operationId: 'updateActor',
        summary: 'Change an actor',
        params: IdParamsSchema,
        body: ActorPatchSchema,
        response: { 200: ActorSchema, ...errorResponses(...BODY_ERRORS, 404) },
      },
    },
    // ActorPatchSchema has no create-time defaults, so the keys sent are the whole patch.
    async (req) => req.vigil.updateActor({ id: req.params.id, patch: req.body }),
  );

  r.delete(
    '/actors/:id',
    {
      schema: {
        tags,
        operationId: 'deleteActor',
        summary: 'Delete an actor nothing refers to',
        params: IdParamsSchema,
        response: { 204: NoContentSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (req, reply) => {
      await req.vigil.deleteActor(req.params.id);
      return reply.code(204).send(null);
    },
  );
};
