import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PlaceInputSchema, PlacePatchSchema, PlaceSchema } from '../core/place.js';
import { created, type AreaOptions } from './area.js';
import { BODY_ERRORS, errorResponses, IdParamsSchema, NoContentSchema, pageOf, PlaceListQuerySchema } from './schemas.js';

const tags = ['places'];

export const placeRoutes: FastifyPluginAsyncZod<AreaOptions> = async (r) => {
  r.post(
    '/places',
    {
      schema: {
        tags,
        operationId: 'createPlace',
        summary: 'Add a locality (or region) under a place of the gazetteer',
        body: PlaceInputSchema,
        response: { 201: PlaceSchema, ...errorResponses(...BODY_ERRORS, 404) },
      },
    },
    async (req, reply) => created(reply, 'places', await req.vigil.createPlace(req.body)),
  );

  r.get(
    '/places',
    {
      schema: {
        tags,
        operationId: 'listPlaces',
        summary: 'Find places: by name prefix (English or Russian), kind, country, parent',
        querystring: PlaceListQuerySchema,
        response: { 200: pageOf(PlaceSchema), ...errorResponses(400) },
      },
    },
    async (req) => {
      const { country, ...rest } = req.query;
      return req.vigil.listPlaces({ ...rest, countryCode: country });
    },
  );

  r.get(
    '/places/:id',
    {
      schema: {
        tags,
        operationId: 'getPlace',
        summary: 'Get a place',
        params: IdParamsSchema,
        response: { 200: PlaceSchema, ...errorResponses(400, 404) },
      },
    },
    async (req) => req.vigil.getPlace(req.params.id),
  );

  r.patch(
    '/places/:id',
    {
      schema: {
        tags,
        operationId: 'updatePlace',
        summary: 'Change a user-added place (built-in places are fixed)',
        params: IdParamsSchema,
        body: PlacePatchSchema,
        response: { 200: PlaceSchema, ...errorResponses(...BODY_ERRORS, 404, 409) },
      },
    },
    async (req) =>
      req.vigil.updatePlace({ id: req.params.id, patch: req.body }),
  );

  r.delete(
    '/places/:id',
    {
      schema: {
        tags,
        operationId: 'deletePlace',
        summary: 'Delete a user-added place nothing refers to',
        params: IdParamsSchema,
        response: { 204: NoContentSchema, ...errorResponses(400, 404, 409) },
      },
    },
    async (req, reply) => {
      await req.vigil.deletePlace(req.params.id);
      return reply.code(204).send(null);
    },
  );
};
