#!/usr/bin/env node
// Builds the renderer as a plain web app (vite.web.config.ts -> dist-web/) and
// serves it on 127.0.0.1 with a tiny static server: correct MIME types, the
// same Content-Security-Policy as the app (read from the built index.html, so
// the header and the <meta> tag cannot disagree), and index.html for any path
// that is not a file (client-side routes).
//
//   npm run web -- [--port 5173] [--host 127.0.0.1] [--no-build]
//
// --no-build serves dist-web as it is (the browser tests build it first).
// No dependencies beyond vite, which is only loaded to build.
import { createReadStream, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const distDir = path.join(projectRoot, 'dist-web');

// One table for this server and Electron's app:// handler (src/main/mimeTypes.ts).
const MIME_TYPES = JSON.parse(readFileSync(path.join(projectRoot, 'src', 'shared', 'mimeTypes.json'), 'utf8'));

function usage(message) {
  if (message) console.error(message);
  console.error('usage: node scripts/web.mjs [--port <port>] [--host <address>] [--no-build]');
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: {
      port: { type: 'string', default: '5173' },
      host: { type: 'string', default: '127.0.0.1' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }).values;
} catch (err) {
  usage(err.message);
}
if (args.help) usage();
const port = Number(args.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) usage(`Not a port: ${args.port}`);

if (!args['no-build']) {
  // Always build: a fresh build takes seconds and can never serve stale code.
  console.log('Building the web client into dist-web/ ...');
  const { build } = await import('vite');
  await build({ configFile: path.join(projectRoot, 'vite.web.config.ts'), logLevel: 'warn' });
}

let indexHtml;
try {
  indexHtml = await readFile(path.join(distDir, 'index.html'));
} catch {
  console.error(`No web build in ${distDir}. Run \`npm run build:web\`, or drop --no-build.`);
  process.exit(1);
}
const cspMatch = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(indexHtml.toString('utf8'));
if (!cspMatch) {
  console.error('dist-web/index.html has no Content-Security-Policy <meta> tag; refusing to serve it without one.');
  process.exit(1);
}
// frame-ancestors only works as a header, so the header adds it to the page's policy.
const contentSecurityPolicy = `${cspMatch[1]}; frame-ancestors 'none'`;

const commonHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** The file under dist-web a request path names, or null if it names none. */
async function resolveFile(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || /%2f|%5c/i.test(pathname)) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..' || s.includes(':'))) return null;
  const file = path.resolve(distDir, ...segments);
  if (file !== distDir && !file.startsWith(distDir + path.sep)) return null;
  try {
    const info = await stat(file);
    return info.isFile() ? file : null;
  } catch {
    return null;
  }
}

function sendIndex(res, head) {
  res.writeHead(200, {
    ...commonHeaders,
    'Content-Type': MIME_TYPES['.html'],
    'Content-Length': indexHtml.length,
    'Content-Security-Policy': contentSecurityPolicy,
    'Cache-Control': 'no-cache',
  });
  res.end(head ? undefined : indexHtml);
}

const server = createServer(async (req, res) => {
  try {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...commonHeaders, Allow: 'GET, HEAD' }).end();
      return;
    }
    const head = req.method === 'HEAD';
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const file = await resolveFile(pathname);
    if (file === null || file === path.join(distDir, 'index.html')) {
      // A path with a file extension that is not there is a missing asset, not a route.
      if (file === null && path.posix.extname(pathname) !== '') {
        res.writeHead(404, { ...commonHeaders, 'Content-Type': 'text/plain; charset=utf-8' }).end(head ? undefined : 'Not found');
        return;
      }
      sendIndex(res, head);
      return;
    }
    const ext = path.extname(file).toLowerCase();
    const info = await stat(file);
    res.writeHead(200, {
      ...commonHeaders,
      'Content-Type': MIME_TYPES[ext] ?? 'application/octet-stream',
      'Content-Length': info.size,
      // Vite puts a content hash in every asset name under assets/.
      'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(ext === '.html' ? { 'Content-Security-Policy': contentSecurityPolicy } : {}),
    });
    if (head) {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  } catch (err) {
    console.error(err);
    if (!res.headersSent) res.writeHead(500, commonHeaders);
    res.end();
  }
});

server.on('error', (err) => {
  console.error(`Could not serve on ${args.host}:${port}: ${err.message}`);
  process.exit(1);
});
server.listen(port, args.host, () => {
  const address = server.address();
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  console.log(`Tessera web client: http://${shownHost}:${address.port}/`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
