/**
 * Sessions at the edge (docs/security.md): the `__Host-vigil_session` cookie (HttpOnly, Secure,
 * SameSite=Strict, Path=/), a CSRF token bound to the session that every state-changing request
 * sends in `x-csrf-token`, an Origin check, and the per-request binding of the use cases to the
 * signed-in caller (`request.vigil`). Every API route needs a session unless it is marked
 * `config: { public: true }`: deny by default.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SetupInputSchema } from '../app/accounts.js';
import type { BoundUseCases, VigilApp } from '../app/index.js';
import type { ActiveSession } from '../app/sessions.js';
import { SESSION_ABSOLUTE_MS } from '../app/sessions.js';
import { ROLES } from '../core/access.js';
import { VigilError } from '../core/errors.js';
import { sameSecret } from '../crypto/services.js';
import { CsrfError } from './csrf-error.js';
import { errorResponses } from './schemas.js';

export const SESSION_COOKIE = '__Host-vigil_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The use cases bound to the signed-in caller (absent on public routes). */
    vigil: BoundUseCases;
    session: ActiveSession | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (sign-in, set-up, the API description). */
    public?: boolean;
  }
}

/** The value of one cookie in a Cookie header (RFC 6265 syntax; the session id is base64url). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header || header.length > 8192) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sessionCookie(value: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** An Origin header, when a browser sends one, must name this server. */
function originMatches(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

const isLoopback = (ip: string) => ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';

/** Installs the session check on every route of the instance it is called on (the API). */
export function installSessionCheck(api: FastifyInstance, app: VigilApp): void {
  api.decorateRequest('vigil', null as unknown as BoundUseCases);
  api.decorateRequest('session', null);
  api.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!SAFE_METHODS.has(request.method) && !originMatches(request)) throw new VigilError('FORBIDDEN', 'cross-origin request refused');
    const id = readCookie(request.headers.cookie, SESSION_COOKIE);
    const session = id ? await app.auth.resume(id) : undefined;
    request.session = session ?? null;
    if (session) request.vigil = app.as({ principal: session.principal, keys: session.keys });
    if (request.routeOptions.config?.public) return;
    if (!session) throw new VigilError('UNAUTHENTICATED', 'sign in first');
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) throw new CsrfError();
    }
  });
}


const PublicUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  createdAt: z.string(),
});

export const AuthStateSchema = z.object({
  setupRequired: z.boolean(),
  user: PublicUserSchema.nullable(),
  csrfToken: z.string().nullable(),
  /** The collections the user is a member of. */
  collectionIds: z.array(z.string()),
});

const EnrolmentSchema = {
  totp: z.object({ secret: z.string(), uri: z.string() }),
  recoveryCodes: z.array(z.string()),
};

export const SetupResultSchema = z.object({ user: PublicUserSchema, recoveryKey: z.string(), ...EnrolmentSchema });
export const SignedInSchema = z.object({ user: PublicUserSchema, csrfToken: z.string(), expiresAt: z.string() });
const SignInBodySchema = z.object({ email: z.string().max(320), password: z.string().max(1024), code: z.string().max(64) }).strict();

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncZod<{ app: VigilApp }> = async (r, { app }) => {
  r.get(
    '/auth/state',
    {
      config: { public: true },
      schema: { tags, operationId: 'authState', summary: 'Whether set-up is needed, and who is signed in', response: { 200: AuthStateSchema } },
    },
    async (req) => ({
      setupRequired: await app.setupRequired(),
      user: req.session?.user ?? null,
      csrfToken: req.session?.csrfToken ?? null,
      collectionIds: req.session ? [...req.session.principal.collectionIds] : [],
    }),
  );

  r.post(
    '/auth/setup',
    {
      config: { public: true },
      schema: {
        tags,
        operationId: 'setup',
        summary: 'First run: create the first admin; returns the recovery key, the TOTP secret and recovery codes once',
        body: SetupInputSchema,
        response: { 201: SetupResultSchema, ...errorResponses(400, 403, 409) },
      },
    },
    async (req, reply) => {
      // Whoever reaches a fresh server first would become its admin: from the web, set-up is
      // open only on the machine itself. Elsewhere: `vigil init --admin-email` on the server.
      if (!isLoopback(req.ip)) throw new VigilError('FORBIDDEN', 'set up Vigil on the server itself: vigil init --admin-email');
      return reply.code(201).send(await app.setupAdmin(req.body));
    },
  );

  r.post(
    '/auth/sign-in',
    {
      config: { public: true },
      schema: {
        tags,
        operationId: 'signIn',
        summary: 'Sign in with e-mail, password and a TOTP or recovery code; sets the session cookie',
        body: SignInBodySchema,
        response: { 200: SignedInSchema, ...errorResponses(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const old = readCookie(req.headers.cookie, SESSION_COOKIE);
      const signed = await app.auth.signIn(req.body, { address: req.ip });
      // A new id at every sign-in; the one the browser held before ends.
      if (old) await app.auth.signOut(old);
      reply.header('set-cookie', sessionCookie(signed.sessionId, Math.floor(SESSION_ABSOLUTE_MS / 1000)));
      return { user: signed.user, csrfToken: signed.csrfToken, expiresAt: signed.expiresAt };
    },
  );

  r.post(
    '/auth/sign-out',
    { schema: { tags, operationId: 'signOut', summary: 'End this session', response: { 204: z.null(), ...errorResponses(401, 403) } } },
    async (req, reply) => {
      const id = readCookie(req.headers.cookie, SESSION_COOKIE);
      if (id) await app.auth.signOut(id);
      return reply.code(204).header('set-cookie', sessionCookie('', 0)).send(null);
    },
  );

  r.post(
    '/auth/sign-out-everywhere',
    {
      schema: { tags, operationId: 'signOutEverywhere', summary: 'End every session of this account', response: { 204: z.null(), ...errorResponses(401, 403) } },
    },
    async (req, reply) => {
      const id = readCookie(req.headers.cookie, SESSION_COOKIE);
      if (id) await app.auth.signOutEverywhere(id);
      return reply.code(204).header('set-cookie', sessionCookie('', 0)).send(null);
    },
  );
};
