/**
 * The privacy notice and terms of use the Teams app manifest points to (`/privacy`, `/terms`), in
 * English and Chinese. Their text is the seller's: HTML fragments in `data/legal/` next to the
 * seller profile (`privacy.en.html`, `privacy.zh.html`, `terms.en.html`, `terms.zh.html`), read on
 * every request so an edit shows without a restart. `{{sellerName}}` becomes the shop's name.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Express, Request } from 'express';
import type { Lang } from '../../domain/lang.js';

export interface LegalPagesOptions {
  /** Directory of the HTML fragments. */
  dir: string;
  sellerName: string;
}

const PAGES = { privacy: { en: 'Privacy', zh: '隐私声明' }, terms: { en: 'Terms of use', zh: '使用条款' } } as const;
const OTHER: Record<Lang, { lang: Lang; label: string }> = { en: { lang: 'zh', label: '中文' }, zh: { lang: 'en', label: 'English' } };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `?lang=` first, then the browser's preference; English otherwise. */
function pageLang(req: Request): Lang {
  const asked = typeof req.query.lang === 'string' ? req.query.lang.toLowerCase() : '';
  if (asked.startsWith('zh')) return 'zh';
  if (asked.startsWith('en')) return 'en';
  return req.acceptsLanguages('en', 'zh') === 'zh' ? 'zh' : 'en';
}

export function mountLegalPages(app: Express, options: LegalPagesOptions): void {
  for (const [name, titles] of Object.entries(PAGES)) {
    app.get(`/${name}`, (req, res, next) => {
      const lang = pageLang(req);
      readFile(join(options.dir, `${name}.${lang}.html`), 'utf8')
        .then((fragment) => {
          const body = fragment.replaceAll('{{sellerName}}', escapeHtml(options.sellerName));
          const other = OTHER[lang];
          res
            .set('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:")
            .set('content-language', lang === 'zh' ? 'zh-CN' : 'en')
            .type('html')
            .send(
              `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${escapeHtml(options.sellerName)} · ${titles[lang]}</title><style>body{font-family:"Segoe UI",system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;line-height:1.55;color:#242424}nav{text-align:right}</style></head><body><nav><a href="/${name}?lang=${other.lang}" hreflang="${other.lang}">${other.label}</a></nav><main>${body}</main></body></html>`,
            );
        })
        .catch((err: unknown) => (err instanceof Error && 'code' in err && err.code === 'ENOENT' ? next() : next(err)));
    });
  }
}
