import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PageQuerySchema } from '../app/paging.js';
import { CollectionInputSchema, CollectionPatchSchema, CollectionSchema } from '../core/collection.js';
import { created, type AreaOptions } from './area.js';
import { BODY_ERRORS, errorResponses, IdParamsSchema, NoContentSchema, pageOf } from './schemas.js';

const tags = ['collections'];

export const collectionRoutes: FastifyPluginAsyncZod<AreaOptions> = async (r) => {
  r.post(
    '/collections',
    {
      schema: {
        tags,
        operationId: 'createCollection',
        summary: 'Create a collection',
        body: CollectionInputSchema,
        response: { 201: CollectionSchema, ...errorResponses(...BODY_ERRORS) },
      },
    },
    async (req, reply) => created(reply, 'collections', await req.vigil.createCollection(req.body)),
  );

  r.get(
    '/collections',
    {
      schema: {
        tags,
        operationId: 'listCollections',
        summary: 'List collections, oldest first',
        querystring: PageQuerySchema,
        response: { 200: pageOf(CollectionSchema), ...errorResponses(400) },
      },
    },
    async (req) => {
      // Collections are few; the use case returns them all and the page is cut here.
      const all = await req.vigil.listCollections();
      const { limit, offset } = req.query;
      return { items: all.slice(offset, offset + limit), total: all.length, limit, offset };
    },
  );

  r.get(
    '/collections/:id',
    {
      schema: {
        tags,
        operationId: 'getCollection',
        summary: 'Get a collection',
        params: IdParamsSchema,
        response: { 200: CollectionSchema, ...errorResponses(400, 404) },
      },
    },
    async (req) => req.vigil.getCollection(req.params.id),
  );

  r.patch(
    '/collections/:id',
    {
      schema: {
        tags,
        operationId: 'updateCollection',
        summary: 'Change a collection',
        params: IdParamsSchema,
        body: CollectionPatchSchema,
        response: { 200: CollectionSchema, ...errorResponses(...BODY_ERRORS, 404) },
      },
    },
    async (req) =>
      req.vigil.updateCollection({ id: req.params.id, patch: req.body }),
  );

  r.delete(
    '/collections/:id',
    {
      schema: {
        tags,
        operationId: 'deleteCollection',
        summary: 'Delete a collection and every record in it',
        params: IdParamsSchema,
        response: { 204: NoContentSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (req, reply) => {
      await req.vigil.deleteCollection(req.params.id);
      return reply.code(204).send(null);
    },
  );
};
