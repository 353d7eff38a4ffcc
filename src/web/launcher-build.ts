/**
 * Builds the embed script in-process with esbuild (tens of milliseconds, offline), so there is no
 * build step to forget and the served file always matches the source, the locale files and the
 * server's configuration (seller name, colour, photo limit).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { readLocales } from '../i18n/index.js';
import type { Lang } from '../domain/lang.js';

export const LAUNCHER_ENTRY = fileURLToPath(new URL('./launcher/widget.ts', import.meta.url));

/** Budget for what a seller's page downloads before the buyer opens the chat. */
export const LAUNCHER_GZIP_BUDGET_BYTES = 15 * 1024;

interface LauncherStrings {
  open: string;
  close: string;
  title: string;
  subtitle: string;
  connecting: string;
  failed: string;
  retry: string;
  photoRejected: string;
  /** Beside an agent's message in the chat: `{{name}}` is the agent's. */
  agent: string;
}

export interface LauncherOptions {
  sellerName: string;
  accent: string;
  /** Where this server serves the chat frame's page, relative to the widget's base URL. */
  chatPath: string;
}

export interface BuiltLauncher {
  code: string;
}

/** The string at `path` in a parsed JSON tree, if there is one. */
function stringAt(tree: unknown, path: readonly string[]): string | undefined {
  let node = tree;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = Object.entries(node).find(([k]) => k === key)?.[1];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The launcher strings of both languages from locales/{lng}/widget.json. */
export function launcherStrings(): Record<Lang, LauncherStrings> {
  const resources = readLocales();
  const pick = (lang: Lang): LauncherStrings => {
    const get = (key: keyof LauncherStrings): string => {
      const value = stringAt(resources[lang].widget, ['launcher', key]);
      if (value === undefined) throw new Error(`locales/${lang}/widget.json: launcher.${key} is missing`);
      return value;
    };
    return {
      open: get('open'),
      close: get('close'),
      title: get('title'),
      subtitle: get('subtitle'),
      connecting: get('connecting'),
      failed: get('failed'),
      retry: get('retry'),
      photoRejected: get('photoRejected'),
      agent: get('agent'),
    };
  };
  return { en: pick('en'), zh: pick('zh') };
}

export async function buildLauncher(options: LauncherOptions): Promise<BuiltLauncher> {
  const all = launcherStrings();
  const pick = (lang: Lang) => ({ open: all[lang].open, close: all[lang].close, title: all[lang].title, subtitle: all[lang].subtitle });
  const config = { strings: { en: pick('en'), zh: pick('zh') }, ...options };
  const result = await build({
    entryPoints: [LAUNCHER_ENTRY],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: ['es2019'],
    platform: 'browser',
    legalComments: 'none',
    charset: 'utf8',
    define: { __WIDGET_CONFIG__: JSON.stringify(config) },
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no launcher');
  const code = file.text;
  return { code };
}
