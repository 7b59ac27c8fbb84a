#!/usr/bin/env node
// The `vigil` command. The sources are TypeScript, run through tsx: no build step after
// `npm install`. The import of main.ts must come after register(), hence dynamic.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
