import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// No node:* import so this file type-checks with the web tsconfig (DOM types only).
const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

// Vite root is web/; the server serves web/dist at `/` with an SPA fallback to index.html.
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
