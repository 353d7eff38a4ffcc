/**
 * What the browser fetches besides the Direct Line API: the embed script, the Web Chat bundle (from
 * node_modules, served by this app: no CDN), and the demo store page at `/` that shows a newcomer
 * the product at once.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type { TFunction } from 'i18next';
import { LOCALE_OF } from '../i18n/index.js';
import type { Lang } from '../nlu/types.js';
import { buildLauncher, type BuiltLauncher } from './launcher-build.js';
import { renderDemoPage, type DemoOrderHint } from './demo-page.js';

const gzipAsync = promisify(gzip);
const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));

/** node_modules/botframework-webchat/dist/webchat.js and its version (part of the URL, so it can be cached for good). */
export function webChatBundle(): { file: string; version: string } {
  const require = createRequire(import.meta.url);
  const root = join(dirname(require.resolve('botframework-webchat')), '..');
  const pkg: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const version = typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0';
  return { file: join(root, 'dist', 'webchat.js'), version };
}

export interface WebRoutesOptions {
  /** Translator for the demo page (the renderer's `t`). */
  t: (lang: Lang) => TFunction;
  logger: Logger;
  sellerName: string;
  accent: string;
  maxPhotoBytes: number;
  /** Serve the demo store at `/` (a seller embedding the widget elsewhere may turn it off). */
  demoPage: boolean;
  demoOrders?: DemoOrderHint[];
}

export interface WebRoutes {
  router: Router;
  launcher(): Promise<BuiltLauncher>;
  webChatPath: string;
}

interface Cached {
  body: Buffer;
  gzipped: Buffer;
}

async function cacheOf(body: Buffer): Promise<Cached> {
  return { body, gzipped: await gzipAsync(body, { level: 9 }) };
}

function sendCached(req: Request, res: Response, cached: Cached, contentType: string, cacheControl: string): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Sellers' pages on other origins load these as scripts.
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.vary('Accept-Encoding');
  if (req.acceptsEncodings('gzip') === 'gzip') {
    res.setHeader('Content-Encoding', 'gzip');
    res.send(cached.gzipped);
  } else {
    res.send(cached.body);
  }
}

/** `?lang=` first, then the browser's Accept-Language. */
export function pageLang(req: Request): Lang {
  const q = req.query.lang;
  if (q === 'zh' || q === 'en') return q;
  return req.acceptsLanguages('en', 'zh') === 'zh' ? 'zh' : 'en';
}

export function createWebRoutes(options: WebRoutesOptions): WebRoutes {
  const bundle = webChatBundle();
  const webChatPath = `/widget/webchat-${bundle.version}.js`;
  let launcherBuild: Promise<BuiltLauncher> | undefined;
  let launcherCache: Promise<Cached> | undefined;
  let webChatCache: Promise<Cached> | undefined;

  const launcher = () =>
    (launcherBuild ??= buildLauncher({
      sellerName: options.sellerName,
      accent: options.accent,
      webChatPath,
      maxPhotoBytes: options.maxPhotoBytes,
    }));

  // A failed build or read is not cached: the next request tries again.
  const retryable = <T>(p: Promise<T>, reset: () => void): Promise<T> =>
    p.catch((err: unknown) => {
      reset();
      throw err;
    });

  const router = express.Router();

  router.get('/widget.js', (req, res, next) => {
    launcherCache ??= retryable(
      launcher().then((b) => cacheOf(Buffer.from(b.code))),
      () => {
        launcherBuild = undefined;
        launcherCache = undefined;
      },
    );
    launcherCache.then((c) => sendCached(req, res, c, 'application/javascript; charset=utf-8', 'public, max-age=300')).catch(next);
  });

  router.get(webChatPath, (req, res, next) => {
    webChatCache ??= retryable(
      readFile(bundle.file).then(cacheOf),
      () => (webChatCache = undefined),
    );
    webChatCache.then((c) => sendCached(req, res, c, 'application/javascript; charset=utf-8', 'public, max-age=31536000, immutable')).catch(next);
  });

  router.get('/widget/assets/shoe.svg', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type('image/svg+xml').sendFile(join(ASSETS_DIR, 'shoe.svg'));
  });

  if (options.demoPage) {
    router.get('/', (req, res) => {
      const lang = pageLang(req);
      const size = typeof req.query.size === 'string' ? req.query.size : undefined;
      const host = req.get('host') ?? 'localhost';
      const ws = `${req.protocol === 'https' ? 'wss' : 'ws'}://${host}`;
      res.setHeader(
        'Content-Security-Policy',
        `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' blob: ${ws}; worker-src 'self' blob:; font-src 'self' data:; media-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`,
      );
      res.setHeader('Content-Language', LOCALE_OF[lang]);
      res.type('html').send(
        renderDemoPage({
          lang,
          t: options.t(lang),
          sellerName: options.sellerName,
          accent: options.accent,
          ...(size ? { addedSize: size } : {}),
          ...(typeof req.query.product === 'string' ? { productId: req.query.product } : {}),
          demoOrders: options.demoOrders ?? [],
        }),
      );
    });
  }

  return { router, launcher, webChatPath };
}
