/**
 * The web app's build (web/ → web/dist). `vigil serve` and the browser tests run it through
 * src/http/static.ts when web/dist is missing or older than its sources; `npx vite build` works
 * too. Everything the app needs is bundled: it fetches nothing from another origin.
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('./web/', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Chunks are named by content hash, so the server can let browsers cache them for good.
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    // The map's boundaries are a lazily loaded JSON chunk; keep it out of the warning.
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npx vite` for development: the API comes from a `vigil serve` on the default port.
    proxy: { '/api': 'http://127.0.0.1:7300' },
  },
});
