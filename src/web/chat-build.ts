/**
 * Builds the chat frame's script in-process with esbuild: our frame code plus only the parts of Web
 * Chat it uses. The stock `webchat.js` is 945 KB gzipped (speech SDK, ~40 languages, a carousel
 * library, core-js polyfills); this build is about 435 KB. Modules that the widget never reaches at
 * run time are swapped for small stubs here, each with the reason next to it.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';

export const CHAT_FRAME_ENTRY = fileURLToPath(new URL('./chat/chat-frame.ts', import.meta.url));
export const CHAT_BOOT_ENTRY = fileURLToPath(new URL('./chat/boot.ts', import.meta.url));

/** Budget for what opening the chat downloads (frame page + this script), gzipped. */
export const CHAT_GZIP_BUDGET_BYTES = 450 * 1024;

const require = createRequire(import.meta.url);
/** A package's folder (their export maps hide package.json, so walk up from the entry file). */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || !dir.endsWith(join('node_modules', name))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`chat build: cannot find the folder of ${name}`);
    dir = up;
  }
  return dir;
}

function packageVersion(name: string): string {
  const pkg: unknown = JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0';
}

/** Stubs for modules Web Chat imports that this widget never runs. */
const STUBS: Record<string, string> = {
  // Adaptive Cards' Carousel element (our cards have none).
  swiper: 'export default class Swiper { destroy() {} }',
  'swiper/modules': 'export const A11y = {}, Autoplay = {}, History = {}, Keyboard = {}, Navigation = {}, Pagination = {}, Scrollbar = {};',
  // sanitize-html parses style attributes with postcss only when styles are allowed; Web Chat allows none.
  postcss: 'module.exports = { parse() { throw new Error("no CSS parser in the widget"); } };',
  // Only photos are uploaded (the file's own type is used first); a name-based lookup is enough.
  mime: 'const T = { jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", webp: "image/webp", gif: "image/gif", pdf: "application/pdf" }; module.exports = { getType(name) { return T[String(name).split(".").pop().toLowerCase()] || null; } };',
  // Speech synthesis: the widget has no speech.
  'react-say': 'export default function Say() { return null; } export function SayUtterance() { return null; } export function Composer(props) { return props.children === undefined ? null : props.children; }',
  // Polyfills for browsers without Promise / URLSearchParams (the widget targets evergreen browsers).
  'core-js/features/promise': '',
  'url-search-params-polyfill': '',
  // Direct Line over streaming extensions (App Service): not used; pulls a 140 KB library.
  'direct-line-streaming': 'module.exports = {};',
  // markdown-it's 2 000-entry HTML entity table: the browser decodes entities itself.
  'html-entities': `const cache = Object.create(null);
function decode(name) {
  if (!(name in cache)) { const t = document.createElement('textarea'); t.innerHTML = '&' + name + ';'; cache[name] = t.value === '&' + name + ';' ? undefined : t.value; }
  return cache[name];
}
const at = (k) => (typeof k === 'string' && /^[a-z][a-z0-9]{1,31}$/i.test(k) ? decode(k) : undefined);
module.exports = new Proxy({}, { get: (_, k) => at(k), has: (_, k) => at(k) !== undefined, getOwnPropertyDescriptor: (_, k) => { const value = at(k); return value === undefined ? undefined : { value, writable: false, enumerable: true, configurable: true }; } });`,
};

const CAMEL = (x: string) => x.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
const NATIVE_GLOBALS: Record<string, string> = {
  promise: 'Promise',
  set: 'Set',
  'parse-float': 'parseFloat',
  symbol: 'Symbol',
  'set-timeout': 'function (f, ms) { return setTimeout(f, ms); }',
  'set-interval': 'function (f, ms) { return setInterval(f, ms); }',
  'get-iterator-method': 'function (it) { return it == null ? undefined : it[Symbol.iterator]; }',
};
const NATIVE_OWNERS: Record<string, string> = { object: 'Object', array: 'Array', date: 'Date', math: 'Math', symbol: 'Symbol' };

/** `@babel/runtime-corejs3/core-js-stable/object/keys` → `Object.keys`: the browser's own built-ins instead of core-js copies. */
export function nativeBuiltIn(path: string): string {
  const global = NATIVE_GLOBALS[path];
  if (global) return global;
  const [kind, name] = path.split('/');
  if (kind === 'instance' && name) return `function (it) { return it.${CAMEL(name)}; }`;
  const owner = kind ? NATIVE_OWNERS[kind] : undefined;
  if (owner && name) return `${owner}.${CAMEL(name)}`;
  throw new Error(`chat build: no native built-in for core-js "${path}"`);
}

/** Languages whose Web Chat UI strings are kept (the widget speaks these two). */
const KEPT_LOCALES = /[/\\]localization[/\\](en-US|zh-CN|overrides)\.json$/;

function slimWebChat(): Plugin {
  const apiSrc = join(packageDir('botframework-webchat-api'), 'src');
  const apiEntries: Record<string, string> = { '': 'index.ts', '/internal': 'internal.ts', '/decorator': 'decorator/index.ts' };
  return {
    name: 'slim-webchat',
    setup(b) {
      // Web Chat's API package from its sources, so the other 40 languages can be left out.
      b.onResolve({ filter: /^botframework-webchat-api(\/internal|\/decorator)?$/ }, (a) => ({
        path: join(apiSrc, apiEntries[a.path.slice('botframework-webchat-api'.length)] ?? 'index.ts'),
      }));
      b.onLoad({ filter: /[/\\]localization[/\\][^/\\]+\.json$/ }, (a) => (KEPT_LOCALES.test(a.path) ? undefined : { contents: '{}', loader: 'json' }));
      b.onResolve({ filter: /^\.\/directLineStreaming$/ }, (a) =>
        a.importer.includes('botframework-directlinejs') ? { path: 'direct-line-streaming', namespace: 'stub' } : undefined,
      );
      b.onResolve({ filter: /^entities\/lib\/maps\/entities\.json$/ }, (a) => (a.importer.includes('markdown-it') ? { path: 'html-entities', namespace: 'stub' } : undefined));
      b.onResolve({ filter: /^(swiper|swiper\/modules|postcss|mime|react-say|core-js\/features\/promise|url-search-params-polyfill)$/ }, (a) => ({ path: a.path, namespace: 'stub' }));
      b.onLoad({ filter: /.*/, namespace: 'stub' }, (a) => ({ contents: STUBS[a.path] ?? '', loader: 'js' }));
      // Babel's core-js flavoured helpers → the plain ones; core-js built-ins → the browser's.
      b.onResolve({ filter: /^@babel\/runtime-corejs3\/helpers\// }, (a) =>
        b.resolve(a.path.replace('@babel/runtime-corejs3', '@babel/runtime'), { kind: a.kind, resolveDir: a.resolveDir }),
      );
      b.onResolve({ filter: /^@babel\/runtime-corejs3\/core-js(-stable)?\// }, (a) => ({
        path: a.path.replace(/^@babel\/runtime-corejs3\/core-js(-stable)?\//, '').replace(/\.js$/, ''),
        namespace: 'native',
      }));
      b.onLoad({ filter: /.*/, namespace: 'native' }, (a) => ({ contents: `module.exports = ${nativeBuiltIn(a.path)};`, loader: 'js' }));
    },
  };
}

export interface ChatFrameConfig {
  strings: Record<'en' | 'zh', { photoRejected: string; failed: string; retry: string; connecting: string; agent: string }>;
  sellerName: string;
  accent: string;
  maxPhotoBytes: number;
}

export interface BuiltScript {
  code: string;
  /** Content hash for the script's URL (cached for good). */
  hash: string;
}

/** The frame's two scripts: the tiny boot script (session, conversation start, WebSocket probe) and Web Chat. */
export interface BuiltChatFrame extends BuiltScript {
  boot: BuiltScript;
}

function built(code: string): BuiltScript {
  return { code, hash: createHash('sha256').update(code).digest('hex').slice(0, 12) };
}

/**
 * What both browser bundles share: one minified IIFE for evergreen browsers. No syntax lowering: it
 * would also break Web Chat's thumbnail worker (its function is sent to the worker as source text, so
 * it cannot use helpers defined outside it).
 */
const BROWSER_BUNDLE = {
  bundle: true,
  write: false,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  platform: 'browser',
  legalComments: 'none',
  charset: 'utf8',
} as const satisfies BuildOptions;

async function buildBoot(): Promise<BuiltScript> {
  const result = await build({ ...BROWSER_BUNDLE, entryPoints: [CHAT_BOOT_ENTRY], logLevel: 'silent' });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no boot script');
  return built(file.text);
}

export async function buildChatFrame(config: ChatFrameConfig): Promise<BuiltChatFrame> {
  const version = packageVersion('botframework-webchat');
  const result = await build({
    ...BROWSER_BUNDLE,
    entryPoints: [CHAT_FRAME_ENTRY],
    alias: { 'webchat-src': join(packageDir('botframework-webchat'), 'src') },
    loader: { '.js': 'jsx' },
    jsx: 'transform',
    tsconfigRaw: { compilerOptions: { jsx: 'react' } },
    define: {
      __CHAT_CONFIG__: JSON.stringify(config),
      'process.env.NODE_ENV': '"production"',
      'process.env.node_env': '"production"',
      'process.env.npm_package_version': JSON.stringify(version),
      'process.env.build_tool': '"esbuild"',
      'process.env.module_format': '"iife"',
    },
    plugins: [slimWebChat()],
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no chat frame');
  return { ...built(file.text), boot: await buildBoot() };
}
