// A tiny static file server for the browser tests: serves one built site under a path prefix
// ("/" or "/reports/eng/") on 127.0.0.1 and a free port. Unknown addresses get the site's
// 404.html with status 404, as nginx's `error_page 404` would; a folder without its slash is
// redirected; a folder with it serves its index.html. Nothing outside the site is ever served.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
  '.toml': 'text/plain; charset=utf-8',
};

export function serve(dir, prefix = '/') {
  const root = fs.realpathSync(dir);
  const server = http.createServer((req, res) => {
    const send = (status, body, type, extra = {}) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const notFound = () => {
      const page = path.join(root, '404.html');
      if (fs.existsSync(page)) send(404, fs.readFileSync(page), TYPES['.html']);
      else send(404, 'not found\n', TYPES['.txt']);
    };
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(400, 'bad request\n', TYPES['.txt']);
    }
    if (!pathname.startsWith(prefix)) {
      // Outside the site's folder: a plain 404, never the site's page (the test counts these).
      return send(404, 'outside the site\n', TYPES['.txt']);
    }
    const rel = pathname.slice(prefix.length);
    if (rel.split('/').includes('..') || rel.includes('\0')) return send(403, 'forbidden\n', TYPES['.txt']);
    let file = path.join(root, rel);
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return notFound();
    }
    if (stat.isDirectory()) {
      if (!pathname.endsWith('/')) return send(301, '', TYPES['.txt'], { location: pathname + '/' });
      file = path.join(file, 'index.html');
      if (!fs.existsSync(file)) return notFound();
    }
    send(200, fs.readFileSync(file), TYPES[path.extname(file)] || 'application/octet-stream');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        server,
        origin: `http://127.0.0.1:${port}`,
        base: `http://127.0.0.1:${port}${prefix}`,
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
      });
    });
  });
}
