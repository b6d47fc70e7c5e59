import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The admin app lives in admin/ but is built from the repository root (npm run build), so every path
// is anchored to this file rather than to the working directory.
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * Brotli and gzip copies of every text asset next to it, made once at build time at the highest levels
 * (too slow to do per request); the server sends the one the browser accepts (@fastify/static
 * preCompressed). Files under 1 KB are left alone: compressing them saves nothing.
 */
function precompress(): Plugin {
  return {
    name: 'govportal-precompress',
    apply: 'build',
    async writeBundle(options) {
      const dir = options.dir ?? '';
      const files = await readdir(dir, { recursive: true });
      await Promise.all(
        files
          .filter((f) => /\.(js|css|html|svg|json)$/.test(f))
          .map(async (f) => {
            const file = path.join(dir, f);
            const bytes = await readFile(file);
            if (bytes.length < 1024) return;
            const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length };
            await writeFile(`${file}.br`, await brotli(bytes, { params }));
            await writeFile(`${file}.gz`, await gz(bytes, { level: 9 }));
          }),
      );
    },
  };
}

export default defineConfig({
  root: here,
  base: '/admin/',
  plugins: [react(), precompress()],
  // The server's contract (request and reply schemas, enums and their labels), imported, never copied.
  resolve: { alias: { '@contract': `${here}../src/contract` } },
  build: {
    outDir: `${here}dist`,
    emptyOutDir: true,
    // The charts and the rich-text editor are large and needed only on the screens that show them: each
    // is its own chunk, loaded when such a screen opens. (Turning off includeDependenciesRecursively
    // instead of the React group below left the editor screen blank: chunks then ran out of order.)
    // Everything else, Ant Design included, is split by the bundler along the routes' lazy imports, so
    // the login page loads only the components it uses.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // React and its helpers first: the editor group takes its modules' dependencies with it, and
            // must find these already placed, or the login page would load the editor to get React.
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|use-sync-external-store)[\\/]/,
              priority: 20,
            },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            {
              name: 'editor',
              test: /node_modules[\\/](@tiptap|prosemirror-[a-z-]+|linkifyjs|orderedmap|rope-sequence|w3c-keyname)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    // `npx vite --config admin/vite.config.ts` during development, with the API of `npm run dev`.
    proxy: { '/api': 'http://127.0.0.1:3000', '/a/': 'http://127.0.0.1:3000' },
  },
});
