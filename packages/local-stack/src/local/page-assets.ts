import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The files of the API page (`/_local/`), and the OpenAPI description it renders. */
export interface PageAssets {
  readonly files: ReadonlyMap<string, { readonly file: string; readonly type: string }>;
  readonly openApi: string;
}

const here = dirname(fileURLToPath(import.meta.url));
export const OPENAPI_FILE = join(here, '../../../../docs/api/openapi.yaml');

// Nothing the page loads comes from elsewhere: the browser may have no network but this stack.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The page, Swagger UI from node_modules, and the OpenAPI description with this stack's stage as server. */
export const pageAssets = (stage: string, openApiFile = OPENAPI_FILE): PageAssets => {
  const swaggerUi = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const page = join(here, '../page');
  const files = new Map([
    ['/_local/', { file: join(page, 'index.html'), type: 'text/html; charset=utf-8' }],
    ['/_local/page.js', { file: join(page, 'page.js'), type: 'text/javascript; charset=utf-8' }],
    ['/_local/page.css', { file: join(page, 'page.css'), type: 'text/css; charset=utf-8' }],
    [
      '/_local/swagger-ui/swagger-ui.css',
      { file: join(swaggerUi, 'swagger-ui.css'), type: 'text/css; charset=utf-8' },
    ],
    [
      '/_local/swagger-ui/swagger-ui-bundle.js',
      { file: join(swaggerUi, 'swagger-ui-bundle.js'), type: 'text/javascript; charset=utf-8' },
    ],
  ]);
  const spec = parse(readFileSync(openApiFile, 'utf8')) as Record<string, unknown>;
  const openApi = JSON.stringify({
    ...spec,
    servers: [{ url: `/${stage}`, description: `This local stack (stage ${stage})` }],
  });
  return { files, openApi };
};

/** Answers a GET for one of the page's files; false when the path is none of them. */
export const servePageAsset = (assets: PageAssets, pathname: string, response: ServerResponse): boolean => {
  const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
  if (pathname === '/_local/openapi.json') {
    response.writeHead(200, { ...headers, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    response.end(assets.openApi);
    return true;
  }
  const asset = assets.files.get(pathname);
  if (asset === undefined) return false;
  response.writeHead(200, { ...headers, 'Content-Type': asset.type, 'Cache-Control': 'no-cache' });
  response.end(readFileSync(asset.file));
  return true;
};
