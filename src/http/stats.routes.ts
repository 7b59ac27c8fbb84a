import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { StatsQuerySchema } from '../app/search.js';
import type { AreaOptions } from './area.js';
import { errorResponses, StatsResponseSchema } from './schemas.js';

export const statsRoutes: FastifyPluginAsyncZod<AreaOptions> = async (r) => {
  r.get(
    '/stats',
    {
      schema: {
        tags: ['stats'],
        operationId: 'stats',
        summary:
          'Victim counts by act type × month × region with low/high bounds and incident counts, and totals. ' +
          'Refuted incidents are left out unless asked for; `status` may be repeated.',
        querystring: StatsQuerySchema,
        response: { 200: StatsResponseSchema, ...errorResponses(400) },
      },
    },
    async (req) => req.vigil.stats(req.query),
  );
};
