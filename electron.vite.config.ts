import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

/**
 * Three builds:
 * - main: the Electron main process (out/main/index.js) and the `anxun` command line (out/main/cli.js).
 *   Both are plain Node entry points over the same engine; runtime dependencies stay external.
 * - preload: a single CommonJS file, because sandboxed preloads cannot load ES modules.
 * - renderer: the React app, served by Electron from disk or by the HTTP shell (index.html), and the inspector's
 *   phone page (phone.html: its own small app, served to phones by the HTTPS LAN listener at /phone/).
 */
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          cli: resolve(__dirname, 'electron/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    resolve: {
      alias: { '@contract': resolve(__dirname, 'electron/api') },
    },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // served to inspectors' phones over the LAN too: keep it small
      minify: true,
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'renderer/index.html'),
          phone: resolve(__dirname, 'renderer/phone.html'),
        },
      },
    },
  },
});
