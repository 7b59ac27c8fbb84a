/**
 * Once per run, before the browser journeys: web/dist must be a build of the current web/
 * sources (the server under test serves it), and the system Chromium must be there.
 */
import { existsSync } from 'node:fs';
import { ensureWebBuild } from '../../src/http/static.js';
import { CHROMIUM } from './harness.js';

export default async function setup(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does this)`);
  }
  const r = await ensureWebBuild({ log: (line) => console.log(`e2e: ${line}`) });
  if (r.built) console.log(`e2e: web app built into ${r.dist}`);
}
