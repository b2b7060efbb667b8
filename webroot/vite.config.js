import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// API_TARGET: where `npm run dev` proxies /api (a running DVMDash, e.g. the jar with --demo).
const apiTarget = process.env.API_TARGET || 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed file names under dist/assets (Vite default), safe to cache forever.
    assetsDir: 'assets',
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
    },
  },
  test: {
    include: ['src/**/*.test.js'],
    environment: 'node',
  },
});
