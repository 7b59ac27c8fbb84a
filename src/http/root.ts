import type { FastifyPluginAsync } from 'fastify';

/**
 * GET / until the web app exists: where the API and its description are. Plain HTML with no
 * inline style or script, so it renders under the same strict Content-Security-Policy as the rest.
 */
export const ROOT_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vigil</title>
</head>
<body>
<h1>Vigil</h1>
<p>This server hosts the Vigil API. The web application is not installed here yet.</p>
<ul>
<li>API: <a href="/api/v1/vocabularies"><code>/api/v1/</code></a></li>
<li>OpenAPI document: <a href="/api/v1/openapi.json"><code>/api/v1/openapi.json</code></a></li>
</ul>
</body>
</html>
`;

export const rootRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(ROOT_PAGE));
};
