import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SearchQuerySchema } from '../app/search.js';
import type { AreaOptions } from './area.js';
import { errorResponses, SearchResponseSchema } from './schemas.js';

export const searchRoutes: FastifyPluginAsyncZod<AreaOptions> = async (r) => {
  r.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        operationId: 'search',
        summary: 'Full-text search over incidents, claims and sources (English and Russian), ranked, with facets',
        querystring: SearchQuerySchema,
        response: { 200: SearchResponseSchema, ...errorResponses(400) },
      },
    },
    async (req) => {
      const result = await req.vigil.search(req.query);
      return { ...result, limit: req.query.limit, offset: req.query.offset };
    },
  );
};
