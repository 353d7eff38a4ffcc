/**
 * What the browser fetches besides the Direct Line API: the embed script, the chat frame (a small
 * page plus one script holding our frame code and the parts of Web Chat it uses, built from
 * node_modules and served by this app: no CDN), and the demo store page at `/` that shows a
 * newcomer the product at once.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import type { TFunction } from 'i18next';
import { LOCALE_OF, type Lang } from '../domain/lang.js';
import { buildLauncher, launcherStrings, type BuiltLauncher } from './launcher-build.js';
import { buildChatFrame, type BuiltChatFrame, type ChatFrameConfig } from './chat-build.js';
import { renderDemoPage, type DemoOrderHint } from './demo-page.js';

const gzipAsync = promisify(gzip);
const PREBUILD_DELAY_MS = 1500;

/** One build per process and configuration: several servers in one process (tests, benches) share it. */
const frameBuilds = new Map<string, Promise<BuiltChatFrame>>();
function buildChatFrameOnce(config: ChatFrameConfig): Promise<BuiltChatFrame> {
  const key = JSON.stringify(config);
  let build = frameBuilds.get(key);
  if (!build) {
    build = buildChatFrame(config);
    frameBuilds.set(key, build);
    build.catch(() => frameBuilds.delete(key));
  }
  return build;
}
const ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));

/** The chat frame's page: static, so it is cached; everything per shop comes in its query string. */
export function chatFramePage(bootPath: string, scriptPath: string): string {
  return `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Chat</title>
<style>
html,body{margin:0;height:100%;overflow:hidden;background:#fff;font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif}
#asa-webchat{height:100%}
#asa-status{position:fixed;inset:0;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:12px;color:#333;background:#fff;font-size:14px;text-align:center;padding:20px}
#asa-status[hidden]{display:none}
#asa-status button{background:#0f766e;color:#fff;border:0;border-radius:6px;padding:8px 16px;cursor:pointer;font-size:14px}
</style>
</head>
<body>
<div id="asa-webchat"></div>
<div id="asa-status" role="status"><p id="asa-status-text"></p><button id="asa-retry" type="button" hidden></button></div>
<script src="${bootPath}" data-boot></script>
<script src="${scriptPath}"></script>
</body>
</html>
`;
}

export interface WebRoutesOptions {
  /** Sites that may embed the widget (the chat frame's `frame-ancestors`); `*` = any. */
  allowedOrigins?: string[];
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
  /** The chat frame's script as served (what opening the chat downloads besides its small page). */
  chatFrame(): Promise<BuiltChatFrame>;
  chatPath: string;
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
  const chatPath = '/widget/chat';
  let launcherBuild: Promise<BuiltLauncher> | undefined;
  let launcherCache: Promise<Cached> | undefined;
  let frameBuild: Promise<BuiltChatFrame> | undefined;
  let frameCache: Promise<{ script: Cached; boot: Cached; page: Cached; scriptPath: string; bootPath: string }> | undefined;

  const launcher = () => (launcherBuild ??= buildLauncher({ sellerName: options.sellerName, accent: options.accent, chatPath }));
  const chatFrame = () => {
    const strings = launcherStrings();
    const pick = (lang: Lang) => ({ photoRejected: strings[lang].photoRejected, failed: strings[lang].failed, retry: strings[lang].retry, connecting: strings[lang].connecting, agent: strings[lang].agent });
    return (frameBuild ??= buildChatFrameOnce({ strings: { en: pick('en'), zh: pick('zh') }, sellerName: options.sellerName, accent: options.accent, maxPhotoBytes: options.maxPhotoBytes }));
  };

  // A failed build or read is not cached: the next request tries again.
  const retryable = <T>(p: Promise<T>, reset: () => void): Promise<T> =>
    p.catch((err: unknown) => {
      reset();
      throw err;
    });
  const frame = () =>
    (frameCache ??= retryable(
      chatFrame().then(async (built) => {
        const scriptPath = `/widget/chat-${built.hash}.js`;
        const bootPath = `/widget/chat-${built.boot.hash}.js`;
        return {
          script: await cacheOf(Buffer.from(built.code)),
          boot: await cacheOf(Buffer.from(built.boot.code)),
          page: await cacheOf(Buffer.from(chatFramePage(bootPath, scriptPath))),
          scriptPath,
          bootPath,
        };
      }),
      () => {
        frameBuild = undefined;
        frameCache = undefined;
      },
    ));
  // Built in the background shortly after start-up, so the first buyer to open the chat does not
  // wait for it (deferred and unref'd: a process that only lives a moment, like a test, skips it).
  setTimeout(() => {
    frame().catch((err: unknown) => options.logger.error({ err }, 'chat frame build failed'));
  }, PREBUILD_DELAY_MS).unref();

  const ancestors = (options.allowedOrigins ?? []).some((o) => o === '*') ? '*' : ["'self'", ...(options.allowedOrigins ?? [])].join(' ');
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

  router.get(chatPath, (req, res, next) => {
    frame()
      .then((f) => {
        const host = req.get('host') ?? 'localhost';
        const ws = `${req.protocol === 'https' ? 'wss' : 'ws'}://${host}`;
        res.setHeader(
          'Content-Security-Policy',
          `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; connect-src 'self' blob: ${ws}; worker-src 'self' blob:; font-src 'self' data:; media-src 'self' blob:; frame-ancestors ${ancestors}; base-uri 'none'; form-action 'none'`,
        );
        sendCached(req, res, f.page, 'text/html; charset=utf-8', 'public, max-age=300');
      })
      .catch(next);
  });

  router.get(/^\/widget\/chat-[0-9a-f]{12}\.js$/, (req, res, next) => {
    frame()
      .then((f) => {
        const script = req.path === f.scriptPath ? f.script : req.path === f.bootPath ? f.boot : undefined;
        if (script) sendCached(req, res, script, 'application/javascript; charset=utf-8', 'public, max-age=31536000, immutable');
        else res.status(404).end();
      })
      .catch(next);
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

  return { router, launcher, chatFrame, chatPath };
}
