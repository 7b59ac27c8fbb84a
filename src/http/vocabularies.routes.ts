import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VigilError } from '../core/errors.js';
import type { Vocabulary } from '../core/vocabularies.js';
import type { AreaOptions } from './area.js';
import { errorResponses, VocabularyParamsSchema, VocabularySchema } from './schemas.js';

const tags = ['vocabularies'];

/** The published shape: the vocabulary objects also carry a `codes` helper array, left out here. */
function present(v: Vocabulary) {
  return { id: v.id, version: v.version, en: v.en, ru: v.ru, terms: v.terms.map((t) => ({ ...t })) };
}

export const vocabularyRoutes: FastifyPluginAsyncZod<AreaOptions> = async (r, { app }) => {
  r.get(
    '/vocabularies',
    {
      schema: {
        tags,
        operationId: 'listVocabularies',
        summary: 'Every controlled vocabulary: stable codes with English and Russian labels',
        response: { 200: z.object({ vocabularies: z.array(VocabularySchema) }) },
      },
    },
    async () => ({ vocabularies: app.vocabularies().map(present) }),
  );

  r.get(
    '/vocabularies/:id',
    {
      schema: {
        tags,
        operationId: 'getVocabulary',
        summary: 'One vocabulary, e.g. act_type',
        params: VocabularyParamsSchema,
        response: { 200: VocabularySchema, ...errorResponses(400, 404) },
      },
    },
    async (req) => {
      const v = app.vocabularies().find((x) => x.id === req.params.id);
      // The id is echoed: the params schema allows only [a-z_], so it cannot carry anything else.
      if (!v) throw new VigilError('NOT_FOUND', `vocabulary ${req.params.id} does not exist`, [{ path: 'id', message: 'no such vocabulary' }]);
      return present(v);
    },
  );
};
