#!/usr/bin/env node
// The CLI entry: the compiled code lives in dist/ (built by `npm install` through the prepare script).
import('../dist/main.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/main.js')) {
    console.error('govportal 尚未构建：请先运行 npm install（或 npm run build）。');
    process.exit(1);
  }
  throw error;
});
