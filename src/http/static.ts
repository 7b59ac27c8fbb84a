/**
 * The web app (web/, built by Vite into web/dist) served by the same Fastify server at `/`:
 * hashed assets under /assets with a long cache, every other non-API path answered with
 * index.html (the app routes in the browser). Without a build, `/` stays the short page that
 * points at the API. The security headers of app.ts apply to these responses as to the API's.
 *
 * `ensureWebBuild` builds web/dist when it is missing or older than its sources; `vigil serve`
 * and the browser tests call it. It loads Vite only when a build is needed.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rootRoutes } from './root.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const WEB_SOURCE = path.join(REPO_ROOT, 'web');
/** Where the built app lives; `buildHttpApp({ webRoot: WEB_DIST })` serves it. */
export const WEB_DIST = path.join(WEB_SOURCE, 'dist');
const VITE_CONFIG = path.join(REPO_ROOT, 'vite.config.ts');

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const ASSET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export interface WebAppOptions {
  /** A directory holding index.html and assets/ (web/dist). */
  readonly root: string;
}

/**
 * Serves the built app from `root`, or the pointer page when `root` has no index.html.
 * Registered on the root instance after the API, so /api/* routes always win; an unknown
 * /api path still gets the API's JSON 404, never the app's HTML.
 */
export const webAppRoutes: FastifyPluginAsync<WebAppOptions> = async (app, { root }) => {
  if (!existsSync(path.join(root, 'index.html'))) {
    await app.register(rootRoutes);
    return;
  }
  // Top-level files (index.html, favicon.svg) are known at start; assets/ is served by name.
  const topLevel = new Set((await readdir(root, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name));
  await app.register(fastifyStatic, { root, serve: false, cacheControl: false, index: false, dotfiles: 'deny' });

  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const pathname = request.url.split('?')[0] ?? '/';
    if (/^\/api(?:\/|$)/.test(pathname)) {
      reply.callNotFound();
      return reply;
    }
    if (pathname.startsWith('/assets/')) {
      // Vite names every asset `name-hash.ext` in one flat folder: anything else (a slash, an
      // encoded `..`) names nothing we serve. A missing asset is the JSON 404, not the app.
      const name = pathname.slice('/assets/'.length);
      if (!ASSET_NAME.test(name)) {
        reply.callNotFound();
        return reply;
      }
      reply.header('cache-control', IMMUTABLE);
      return reply.sendFile(`assets/${name}`);
    }
    const name = pathname.slice(1);
    if (topLevel.has(name) && name !== 'index.html') {
      reply.header('cache-control', REVALIDATE);
      return reply.sendFile(name);
    }
    reply.header('cache-control', REVALIDATE);
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  };
  app.get('/', { schema: { hide: true } }, handler);
  app.get('/*', { schema: { hide: true } }, handler);
};

// ---- building ----

async function newestMtime(p: string): Promise<number> {
  let s;
  try {
    s = await stat(p);
  } catch {
    return 0;
  }
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const e of await readdir(p)) newest = Math.max(newest, await newestMtime(path.join(p, e)));
  return newest;
}

export type WebBuildState = 'fresh' | 'stale' | 'missing';

/** Whether web/dist exists and is newer than web/ (sources, index.html) and the Vite config. */
export async function webBuildState(dist = WEB_DIST): Promise<WebBuildState> {
  let built: number;
  try {
    built = (await stat(path.join(dist, 'index.html'))).mtimeMs;
  } catch {
    return 'missing';
  }
  const sources = Math.max(
    await newestMtime(path.join(WEB_SOURCE, 'src')),
    await newestMtime(path.join(WEB_SOURCE, 'public')),
    await newestMtime(path.join(WEB_SOURCE, 'index.html')),
    await newestMtime(VITE_CONFIG),
  );
  return sources > built ? 'stale' : 'fresh';
}

export interface EnsureWebBuildOptions {
  /** Progress lines ("building the web app…"). */
  readonly log?: (line: string) => void;
  readonly force?: boolean;
}

/**
 * Builds web/dist with Vite when it is missing or stale. The build goes to a scratch directory
 * first and is moved into place, so a server or a test never sees half a build, and two builds
 * at once (a test run and `vigil serve`) both end with a whole one.
 */
export async function ensureWebBuild(opts: EnsureWebBuildOptions = {}): Promise<{ built: boolean; dist: string }> {
  const state = opts.force ? 'stale' : await webBuildState();
  if (state === 'fresh') return { built: false, dist: WEB_DIST };
  opts.log?.(state === 'missing' ? 'building the web app (first run)…' : 'rebuilding the web app (its sources changed)…');
  const scratchRoot = path.join(REPO_ROOT, 'node_modules', '.cache', 'vigil-web');
  await mkdir(scratchRoot, { recursive: true });
  const scratch = path.join(scratchRoot, `dist-${process.pid}-${Date.now()}`);
  const { build } = await import('vite');
  // Vite keeps a NODE_ENV it finds (vitest sets `test`), and React would then bundle its
  // development build: a production build says so for its own duration.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: VITE_CONFIG, mode: 'production', logLevel: 'warn', build: { outDir: scratch, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const old = path.join(scratchRoot, `old-${process.pid}-${Date.now()}`);
  await rename(WEB_DIST, old).catch(() => undefined);
  try {
    await rename(scratch, WEB_DIST);
  } catch (e) {
    // Another build moved its result in between: keep that one.
    if (!existsSync(path.join(WEB_DIST, 'index.html'))) throw e;
    await rm(scratch, { recursive: true, force: true });
  }
  await rm(old, { recursive: true, force: true });
  return { built: true, dist: WEB_DIST };
}
