/**
 * The first-load baseline of bench/web.ts: what any React app ships before its own code — a
 * page that renders one element with react-dom/client, built in the same run by the same Vite
 * (production mode, minified, the app's target), gzipped at level 9. For scale also: react and
 * react-dom's production files as published (CommonJS, not minified).
 */
import { readdir, readFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const REPO = fileURLToPath(new URL('../', import.meta.url));

export interface ReactBaseline {
  /** The minimal React app's JavaScript, gzipped (level 9), bytes. */
  readonly gzipBytes: number;
  readonly bytes: number;
  /** react, react-dom, react-dom/client and scheduler production builds as published, gzipped, bytes. */
  readonly publishedGzipBytes: number;
}

export async function reactBaseline(): Promise<ReactBaseline> {
  // Inside node_modules/.cache, so that `react` resolves to the app's own copy.
  const dir = path.join(REPO, 'node_modules', '.cache', `vigil-bench-react-${process.pid}`);
  const out = path.join(dir, 'dist');
  await mkdir(dir, { recursive: true });
  try {
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><html><body><div id="root"></div><script type="module" src="/main.js"></script></body></html>\n');
    await writeFile(
      path.join(dir, 'main.js'),
      "import { createElement } from 'react';\nimport { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')).render(createElement('p', null, 'Hello'));\n",
    );
    const { build } = await import('vite');
    // As src/http/static.ts: React picks its production build from NODE_ENV.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ root: dir, configFile: false, mode: 'production', logLevel: 'silent', build: { outDir: out, emptyOutDir: true, target: 'es2022', sourcemap: false } });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    let bytes = 0;
    let gzipBytes = 0;
    for (const f of await readdir(path.join(out, 'assets'))) {
      if (!f.endsWith('.js')) continue;
      const body = await readFile(path.join(out, 'assets', f));
      bytes += body.length;
      gzipBytes += gzipSync(body, { level: 9 }).length;
    }
    const published = ['react/cjs/react.production.js', 'react-dom/cjs/react-dom.production.js', 'react-dom/cjs/react-dom-client.production.js', 'scheduler/cjs/scheduler.production.js'];
    let publishedGzipBytes = 0;
    for (const f of published) publishedGzipBytes += gzipSync(await readFile(path.join(REPO, 'node_modules', f)), { level: 9 }).length;
    return { gzipBytes, bytes, publishedGzipBytes };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
