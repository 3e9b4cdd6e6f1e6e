import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

/** Where `vigil serve` listens during development; `npx vite web` proxies the API to it. */
const apiTarget = process.env.VIGIL_API ?? 'http://127.0.0.1:8080';

/**
 * The console's build. No React plugin: Vite's own Oxc transformer compiles JSX with React's
 * automatic runtime, so components never import React just for JSX.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: 'public',
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  resolve: {
    // Leaflet's package points at its UMD file; its ES module build bundles without a CJS shim.
    alias: [{ find: /^leaflet$/, replacement: 'leaflet/dist/leaflet-src.esm.js' }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Leaflet's images and the base map stay files: the police network has no CDN to fall back on.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: apiTarget, ws: true, changeOrigin: false },
    },
  },
});
