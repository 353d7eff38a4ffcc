/**
 * The demo store page: one product (a running shoe) in English or Chinese with a size picker, a
 * language toggle and the chat widget, so `npm start` shows the buyer's side at once. No script of
 * its own: the form and the toggle are plain links, the only script is the embed tag a seller would use.
 */
import type { TFunction } from 'i18next';
import { LANGS, LOCALE_OF, type Lang } from '../domain/lang.js';
import { demoShelf } from '../services/catalog/shelf.js';

export interface DemoOrderHint {
  id: string;
  email: string;
}

export interface DemoPageInput {
  lang: Lang;
  t: TFunction;
  sellerName: string;
  accent: string;
  /** Size just "added to cart" (echoed back only if it is one on offer). */
  addedSize?: string;
  demoOrders: DemoOrderHint[];
  /** Catalog product the page shows (`?product=`): the widget passes it, so "this one" means it. */
  productId?: string;
}

/** The page's own product in the demo catalog (the running shoe). */
const PAGE_PRODUCT_ID = 'RUN-SHOE-KNIT';

/** US sizes on offer. */
export const DEMO_SIZES = ['7', '7.5', '8', '8.5', '9', '9.5', '10', '10.5', '11', '12'] as const;

/** The product's price in minor units. */
export const DEMO_PRICE = { amount: 12_900, currency: 'USD' } as const;

/** Language names are shown in their own language, so they are not translated. */
const LANGUAGE_NAMES: Record<Lang, string> = { en: 'English', zh: '中文' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderDemoPage(input: DemoPageInput): string {
  const { lang, t } = input;
  const e = (key: string, values: Record<string, string> = {}) => escapeHtml(String(t(`widget:page.${key}`, values)));
  const locale = LOCALE_OF[lang];
  const price = new Intl.NumberFormat(locale, { style: 'currency', currency: DEMO_PRICE.currency }).format(DEMO_PRICE.amount / 100);
  const product = String(t('widget:page.product'));
  const added = input.addedSize && DEMO_SIZES.some((s) => s === input.addedSize) ? input.addedSize : undefined;
  const sizes = DEMO_SIZES.map(
    (s, i) =>
      `<label class="size"><input type="radio" name="size" value="${s}"${(added ? s === added : i === 4) ? ' checked' : ''}><span>${s}</span></label>`,
  ).join('');
  const toggle = LANGS
    .map((l) => `<a href="/?lang=${l}" hreflang="${LOCALE_OF[l]}" lang="${LOCALE_OF[l]}"${l === lang ? ' aria-current="page"' : ''}>${LANGUAGE_NAMES[l]}</a>`)
    .join(' ');
  const shelf = demoShelf(lang);
  const viewing = shelf.find((p) => p.id === input.productId);
  const pageProduct = viewing?.id ?? PAGE_PRODUCT_ID;
  const shelfSection = `<section class="try" aria-labelledby="shelf-title"><h2 id="shelf-title">${e('shelfTitle')}</h2><p>${e('shelfHint')}</p><ul>
${shelf.map((p) => `<li data-product-id="${escapeHtml(p.id)}"><a href="/?lang=${lang}&amp;product=${encodeURIComponent(p.id)}"${p === viewing ? ' aria-current="page"' : ''}>${escapeHtml(p.title)}</a> ${escapeHtml(p.price)}</li>`).join('\n')}
</ul></section>`;
  const orders = input.demoOrders.slice(0, 6);
  const first = orders[0];
  const tryIt = first
    ? `<section class="try" aria-labelledby="try-title"><h2 id="try-title">${e('tryTitle')}</h2>
<p>${e('tryHint', { orderId: first.id, email: first.email })}</p>
<table><thead><tr><th scope="col">${e('orderColumn')}</th><th scope="col">${e('emailColumn')}</th></tr></thead><tbody>
${orders.map((o) => `<tr><td><code>${escapeHtml(o.id)}</code></td><td>${escapeHtml(o.email)}</td></tr>`).join('\n')}
</tbody></table></section>`
    : '';

  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${e('title', { product, seller: input.sellerName })}</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;color:#0f172a;background:#fff}
header{display:flex;justify-content:space-between;align-items:center;gap:12px;padding:14px 24px;border-bottom:1px solid #e2e8f0}
nav{white-space:nowrap}
@media (max-width:480px){header{padding:12px 16px}header strong{font-size:18px}}
header strong{font-size:20px;color:${input.accent}}
nav a{margin-left:8px;color:#334155}
nav a[aria-current]{font-weight:700;color:${input.accent}}
main{max-width:960px;margin:0 auto;padding:24px;display:grid;grid-template-columns:1fr 1fr;gap:32px}
@media (max-width:760px){main{grid-template-columns:1fr}}
img{width:100%;border-radius:12px}
h1{margin:0 0 8px;font-size:28px}
.price{font-size:24px;font-weight:700;margin:16px 0}
fieldset{border:0;padding:0;margin:0 0 16px}
legend{font-weight:600;margin-bottom:8px}
.size input{position:absolute;opacity:0}
.size span{display:inline-block;min-width:44px;padding:8px 6px;margin:0 6px 6px 0;border:1px solid #94a3b8;border-radius:8px;text-align:center;cursor:pointer}
.size input:checked+span{border-color:${input.accent};background:${input.accent};color:#fff}
.size input:focus-visible+span{outline:3px solid #0f172a}
button.buy{background:${input.accent};color:#fff;border:0;border-radius:8px;padding:12px 24px;font-size:16px;cursor:pointer}
.added{background:#ecfdf5;border:1px solid #10b981;border-radius:8px;padding:10px}
.try{grid-column:1/-1;background:#f8fafc;border-radius:12px;padding:16px 20px}
.try table{border-collapse:collapse}.try td,.try th{text-align:left;padding:4px 16px 4px 0}

.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
footer{text-align:center;color:#64748b;font-size:13px;padding:24px}
</style>
</head>
<body>
<header><strong>${escapeHtml(input.sellerName)}</strong><nav aria-label="${e('languageLabel')}">${toggle}</nav></header>
<main>
<img src="/widget/assets/shoe.svg" alt="${e('imageAlt')}" width="480" height="300">
<div>
<h1>${escapeHtml(product)}</h1>
<p>${e('tagline')}</p>
<p class="price"><span class="visually-hidden">${e('price')}: </span>${escapeHtml(price)}</p>
<form method="get" action="/">
<input type="hidden" name="lang" value="${lang}">
<fieldset><legend>${e('size')}</legend>${sizes}</fieldset>
<button class="buy" type="submit">${e('addToCart')}</button>
</form>
${added ? `<p class="added" role="status">${e('added', { size: added })}</p>` : ''}
<p>${e('details')}</p>
<p>${e('shipping')}</p>
<p>${e('help')}</p>
</div>
${tryIt}
${shelfSection}
</main>
<footer>${e('footer')}</footer>
<script src="/widget.js" data-locale="${lang}" data-product-id="${escapeHtml(pageProduct)}" data-seller-name="${escapeHtml(input.sellerName)}" data-accent="${escapeHtml(input.accent)}" defer></script>
</body>
</html>
`;
}
