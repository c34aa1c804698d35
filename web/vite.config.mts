// The web app is built into web/dist, which the API serves at "/". In `npm run dev` Vite serves it with hot reload
// and forwards the API's paths to the API, so the app always talks to one origin.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress.mts';

const api = process.env.OCOP_API_URL ?? 'http://127.0.0.1:8480';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), precompress()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 700 },
  // The app shares the domain's zod schemas, one folder up.
  server: {
    host: '127.0.0.1',
    port: Number(process.env.OCOP_WEB_PORT ?? 5173),
    strictPort: true,
    fs: { allow: ['..'] },
    proxy: { '/v1': api, '/healthz': api },
  },
});
