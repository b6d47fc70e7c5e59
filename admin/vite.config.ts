import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The admin app lives in admin/ but is built from the repository root (npm run build), so every path
// is anchored to this file rather than to the working directory.
const here = decodeURIComponent(new URL('.', import.meta.url).pathname);

export default defineConfig({
  root: here,
  base: '/admin/',
  plugins: [react()],
  // The server's contract (request and reply schemas, enums and their labels), imported, never copied.
  resolve: { alias: { '@contract': `${here}../src/contract` } },
  build: {
    outDir: `${here}dist`,
    emptyOutDir: true,
    // antd, echarts and the editor are large; they are split per route and per vendor below.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            {
              name: 'editor',
              test: /node_modules[\\/](@tiptap|prosemirror-[a-z-]+|linkifyjs|orderedmap|rope-sequence|w3c-keyname)[\\/]/,
            },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
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
