import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

// deploy/nginx/govportal.conf with an office's (or a test's) values put in place of the shipped ones.
// Each shipped value is replaced where it stands, and a value that is no longer in the file is an
// error: the test and the benchmark then fail rather than run nginx with the wrong configuration.
//
//   npx tsx deploy/nginx/render.ts --listen 80 --static /var/lib/govportal/public \
//     --upstream 127.0.0.1:3000,127.0.0.1:3001 --site county > /etc/nginx/conf.d/govportal.conf

export const NGINX_DIR = import.meta.dirname;

export interface NginxValues {
  /** The listen directive's address: `80`, `127.0.0.1:8080`. */
  listen?: string;
  /** STATIC_DIR: the folder holding one folder per site code. */
  staticDir?: string;
  /** Node processes, `host:port` each. */
  upstreams?: string[];
  /** The site code for hosts the map does not name. */
  defaultSite?: string;
  /** Where the security-headers snippet is installed. */
  snippet?: string;
}

function swap(text: string, shipped: string, value: string | undefined): string {
  if (value === undefined) return text;
  if (!text.includes(shipped)) throw new Error(`govportal.conf 中找不到 "${shipped}"：配置文件与 render.ts 不一致`);
  return text.replaceAll(shipped, value);
}

/** The server configuration (the part read inside nginx's http block) with these values. */
export function renderNginxConfig(values: NginxValues): string {
  let text = fs.readFileSync(path.join(NGINX_DIR, 'govportal.conf'), 'utf8');
  text = swap(text, '    listen 80;', values.listen && `    listen ${values.listen};`);
  text = swap(text, '/var/lib/govportal/public/', values.staticDir && `${values.staticDir.replace(/\/$/, '')}/`);
  text = swap(text, '    server 127.0.0.1:3000;', values.upstreams?.map((u) => `    server ${u};`).join('\n'));
  text = swap(text, '    default county;', values.defaultSite && `    default ${values.defaultSite};`);
  text = swap(text, '/etc/nginx/snippets/govportal-security-headers.conf', values.snippet);
  return text;
}

/**
 * A whole nginx.conf for a scratch prefix directory (tests, benchmarks): in the foreground, its own
 * pid, logs and temporary folders, `workers` worker processes, the server configuration included.
 */
export function renderStandalone(prefix: string, values: NginxValues, workers = 1): string {
  const temp = path.join(prefix, 'temp');
  fs.mkdirSync(temp, { recursive: true });
  const snippet = path.join(prefix, 'govportal-security-headers.conf');
  fs.copyFileSync(path.join(NGINX_DIR, 'govportal-security-headers.conf'), snippet);
  fs.writeFileSync(path.join(prefix, 'govportal.conf'), renderNginxConfig({ snippet, ...values }));
  return `worker_processes ${workers};
daemon off;
pid ${path.join(prefix, 'nginx.pid')};
error_log ${path.join(prefix, 'error.log')} warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 10000000;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  include ${path.join(prefix, 'govportal.conf')};
}
`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const { values } = parseArgs({
    options: {
      listen: { type: 'string' },
      static: { type: 'string' },
      upstream: { type: 'string' },
      site: { type: 'string' },
      snippet: { type: 'string' },
    },
  });
  process.stdout.write(
    renderNginxConfig({
      listen: values.listen,
      staticDir: values.static,
      upstreams: values.upstream?.split(',').filter(Boolean),
      defaultSite: values.site,
      snippet: values.snippet,
    }),
  );
}
