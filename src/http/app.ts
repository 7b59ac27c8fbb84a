/**
 * The HTTP application: Fastify with zod validation on both sides of every route, one plugin
 * per area under /api/v1, the OpenAPI document, the error table and the security headers.
 * It never listens; main.ts does, and tests use `inject`.
 */
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { VigilApp } from '../app/index.js';
import { actorRoutes } from './actors.routes.js';
import { API_PREFIX } from './area.js';
import { claimRoutes } from './claims.routes.js';
import { collectionRoutes } from './collections.routes.js';
import { installErrorHandling, sendError } from './errors.js';
import { incidentRoutes } from './incidents.routes.js';
import { ingestRoutes } from './ingest.routes.js';
import { loggerOptions, type HttpLoggerOptions } from './logging.js';
import { refuseNulCharacters } from './nul-guard.js';
import { placeRoutes } from './places.routes.js';
import { rootRoutes } from './root.js';
import { authRoutes, installSessionCheck } from './session.js';
import { accountRoutes } from './accounts.routes.js';
import { personRoutes } from './persons.routes.js';
import { auditRoutes } from './audit.routes.js';
import { searchRoutes } from './search.routes.js';
import { sourceRoutes } from './sources.routes.js';
import { webAppRoutes } from './static.js';
import { statsRoutes } from './stats.routes.js';
import { vocabularyRoutes } from './vocabularies.routes.js';

export { API_PREFIX };
export const OPENAPI_PATH = `${API_PREFIX}/openapi.json`;

/**
 * A source text may hold 2,000,000 characters (TEXT_LIMIT). In Russian that is up to 4 MB of
 * UTF-8 (Cyrillic letters take two bytes), plus JSON escapes and the other fields: 5 MiB lets
 * the largest valid source through and still refuses anything far beyond it.
 */
export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
});

function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
  // API responses carry case data: no browser or proxy may keep a copy.
  if (/^\/api(?:[/?]|$)/.test(request.url)) reply.header('cache-control', 'no-store');
}

export interface HttpAppOptions {
  readonly app: VigilApp;
  /** false/absent: silent; true: info level; an object: pino options (our privacy serializers are forced on). */
  readonly logger?: boolean | HttpLoggerOptions;
  readonly bodyLimit?: number;
  /** The built web app to serve at `/` (src/http/static.ts WEB_DIST); absent: `/` is the page pointing at the API. */
  readonly webRoot?: string;
}

export async function buildHttpApp(opts: HttpAppOptions): Promise<FastifyInstance> {
  const http = Fastify({
    logger: loggerOptions(opts.logger),
    bodyLimit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // Errors raised before routing (a malformed percent-encoding in the path) get the same body;
    // they skip the hooks, so the headers are set here too.
    frameworkErrors: (err, request, reply) => {
      setSecurityHeaders(request, reply);
      sendError(request, reply, err);
    },
  });
  http.setValidatorCompiler(validatorCompiler);
  http.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only: a text/plain body would otherwise reach the schemas as a string.
  http.removeContentTypeParser('text/plain');
  installErrorHandling(http);
  http.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    setSecurityHeaders(request, reply);
    return payload;
  });

  await http.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vigil API',
        version: '1',
        description:
          'Sources, incidents, claims, actors and places of a human-rights monitoring team. Every error is ' +
          '{ "error": { "code", "message", "fields": [{ "path", "message" }] } }; validation failures are 400.',
      },
      tags: [
        { name: 'auth', description: 'Set-up, sign-in with a second factor, sessions (docs/security.md)' },
        { name: 'accounts' },
        { name: 'persons', description: 'Pseudonyms for all; sealed identities revealed only to roles allowed, audited' },
        { name: 'audit' },
        { name: 'collections' },
        { name: 'sources' },
        { name: 'incidents' },
        { name: 'claims' },
        { name: 'ingest', description: 'Read an article into proposed incidents and claims for review (docs/ingest.md)' },
        { name: 'actors' },
        { name: 'places' },
        { name: 'vocabularies' },
        { name: 'search' },
        { name: 'stats' },
      ],
    },
    transform: jsonSchemaTransform,
  });

  await http.register(apiRoutes, { prefix: API_PREFIX, app: opts.app });
  if (opts.webRoot) await http.register(webAppRoutes, { root: opts.webRoot });
  else await http.register(rootRoutes);
  return http;
}

const apiRoutes: FastifyPluginAsyncZod<{ app: VigilApp }> = async (api, { app }) => {
  installSessionCheck(api, app);
  api.addHook('preValidation', refuseNulCharacters);
  api.get(OPENAPI_PATH.slice(API_PREFIX.length), { config: { public: true }, schema: { hide: true } }, async () => api.swagger());
  await api.register(authRoutes, { app });
  await api.register(accountRoutes, { app });
  await api.register(personRoutes, { app });
  await api.register(auditRoutes, { app });
  await api.register(collectionRoutes, { app });
  await api.register(sourceRoutes, { app });
  await api.register(incidentRoutes, { app });
  await api.register(claimRoutes, { app });
  await api.register(ingestRoutes, { app });
  await api.register(actorRoutes, { app });
  await api.register(placeRoutes, { app });
  await api.register(vocabularyRoutes, { app });
  await api.register(searchRoutes, { app });
  await api.register(statsRoutes, { app });
};
