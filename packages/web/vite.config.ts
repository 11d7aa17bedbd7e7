import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The web app builds to packages/web/dist, which the Kith server serves; `vite` (dev) proxies the API. */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022', chunkSizeWarningLimit: 400 },
  // The server accepts writes only from its own origin: the proxy presents requests as coming from it.
  server: { proxy: { '/api': { target: 'http://127.0.0.1:3000', headers: { origin: 'http://127.0.0.1:3000' } } } },
});
