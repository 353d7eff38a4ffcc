/**
 * The embedded return-label service: renders the PDF once per RMA, keeps it in a label store and
 * hands out signed, expiring links to it. Works with no network: by default labels live on this
 * machine's disk (`dir`); with a shared store (Redis) any instance serves any link.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { itemTitle, type Address, type Order, type ReturnAuthorization } from '../../domain/order.js';
import type { Logger } from '../../logger.js';
import type { Lang } from '../../domain/lang.js';
import type { ReturnLabel } from '../../domain/order.js';
import type { ReturnLabelService } from '../ports.js';
import { renderLabelPdf, type LabelItem } from './label-pdf.js';
import { FileLabelStore, type LabelStore } from './label-store.js';
import type { LabelTextProvider } from './label-text.js';
import { signLabelToken, verifyLabelToken } from './label-token.js';

/**
 * The CJK font for Chinese labels ships through npm (Google's Noto Sans SC, OFL), so `npm ci` is all
 * a fresh machine needs; pdfkit embeds only the glyphs a label uses. Listed as the candidates to
 * check in order (a seller may still pass another font).
 */
export const DEFAULT_CJK_FONTS: readonly { path: string; family: string; npmPackage: string }[] = [
  {
    path: createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
    family: '',
    npmPackage: '@expo-google-fonts/noto-sans-sc',
  },
];

export const LABEL_DEFAULT_TTL_MS = 7 * 24 * 3_600_000;
/** A stored label is kept this much longer than its newest link is valid. */
const STORE_GRACE_MS = 60_000;
/** Used in file names and the barcode, so kept to characters that are safe in both. */
export const RMA_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

export type LabelErrorCode = 'LABEL_INVALID_RMA' | 'LABEL_ORDER_MISMATCH';

export class LabelError extends Error {
  override readonly name = 'LabelError';
  constructor(
    readonly code: LabelErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface LocalReturnLabelOptions {
  /** Where label PDFs are written (created if missing). One file per RMA. Ignored when `store` is given. */
  dir?: string;
  /** Where label PDFs are kept instead of `dir`, e.g. `RedisLabelStore` for several instances. */
  store?: LabelStore;
  /**
   * HMAC key for label links; links stay valid across restarts (and other instances) only if this is
   * stable. A function is asked on first use (e.g. a key shared through Redis).
   */
  secret: string | Uint8Array | (() => Promise<string | Uint8Array>);
  /** Seller's return address: the label's "ship to". */
  returnAddress: Address;
  /** Label strings per language, e.g. built with `labelTextFrom(i18n.getFixedT(lang, 'label'))`. */
  labelText: LabelTextProvider;
  now: () => Date;
  /** How long a link works. Default 7 days. */
  ttlMs?: number;
  /** Language when the caller gives none. Default 'en'. */
  defaultLang?: Lang;
  /**
   * CJK font for Chinese labels. Default: the first of DEFAULT_CJK_FONTS that exists; `null` turns
   * Chinese printing off (labels fall back to English text).
   */
  cjkFont?: { path: string; family?: string } | null;
  /** Path prefix the HTTP handler is mounted at. Default '/labels'. */
  basePath?: string;
  logger?: Pick<Logger, 'warn'>;
}

export type LabelLookup =
  | { ok: true; rma: string; pdf: Buffer }
  /** `unavailable`: the label store could not answer (Redis down); the link may work again later. */
  | { ok: false; reason: 'not_found' | 'expired' | 'unavailable' };

function checkRma(rma: string): void {
  if (!RMA_PATTERN.test(rma)) throw new LabelError('LABEL_INVALID_RMA', 'RMA has characters a label cannot carry');
}

function findDefaultCjkFont(): { path: string; family: string } | undefined {
  const found = DEFAULT_CJK_FONTS.find((f) => existsSync(f.path));
  return found ? { path: found.path, family: found.family } : undefined;
}

/** ReturnLabelService that prints PDFs locally; see docs/labels-and-tracking.md. */
export class LocalReturnLabelService implements ReturnLabelService {
  readonly basePath: string;
  private readonly options: LocalReturnLabelOptions;
  private readonly cjkFont: { path: string; family?: string } | undefined;
  private readonly ttlMs: number;
  private readonly store: LabelStore;
  /**
   * The CJK font's bytes, read on the first Chinese label and kept: a synchronous re-read of the
   * 10.5 MB file for every label blocked the event loop 35–70 ms more per Chinese label (measured at
   * load 9: 85–139 → 52–67 ms a label).
   */
  private cjkFontBytes: Promise<Buffer> | undefined;
  /** One render per RMA at a time within this process. */
  private readonly inflight = new Map<string, Promise<void>>();

  constructor(options: LocalReturnLabelOptions) {
    this.options = options;
    if (options.store) this.store = options.store;
    else if (options.dir !== undefined) this.store = new FileLabelStore(options.dir);
    else throw new TypeError('LocalReturnLabelService needs a dir or a store');
    this.ttlMs = options.ttlMs ?? LABEL_DEFAULT_TTL_MS;
    this.basePath = (options.basePath ?? '/labels').replace(/\/+$/, '');
    this.cjkFont = options.cjkFont === null ? undefined : (options.cjkFont ?? findDefaultCjkFont());
    if (this.cjkFont && !existsSync(this.cjkFont.path)) {
      options.logger?.warn({ fontPath: this.cjkFont.path }, 'CJK font file missing; Chinese return labels will print in English');
      this.cjkFont = undefined;
    } else if (!this.cjkFont) {
      options.logger?.warn(
        { npmPackages: DEFAULT_CJK_FONTS.map((f) => f.npmPackage) },
        'no CJK font found; Chinese return labels will print in English',
      );
    }
  }

  /** Whether Chinese labels can be printed in Chinese on this machine. */
  get printsChinese(): boolean {
    return this.cjkFont !== undefined;
  }

  /** Absolute path of an RMA's label file (file-backed service only). */
  labelFile(rma: string): string {
    checkRma(rma);
    if (!(this.store instanceof FileLabelStore)) throw new TypeError('labels are not kept in files here');
    return this.store.file(rma);
  }

  /** Whether the label of an RMA is stored (and so its links open). */
  async hasLabel(rma: string): Promise<boolean> {
    checkRma(rma);
    return (await this.store.get(rma)) !== undefined;
  }

  /**
   * Renders the label the first time and reuses it after that (the language of the first request
   * wins); every call returns a fresh link with a full TTL, and the stored label lives at least
   * as long as that link.
   */
  async createLabel(rma: ReturnAuthorization, order: Order, options: { lang?: Lang } = {}): Promise<ReturnLabel> {
    checkRma(rma.rma);
    if (rma.orderId !== order.id) throw new LabelError('LABEL_ORDER_MISMATCH', 'return authorization is for another order');
    const secret = await this.secret();
    const expiresAt = new Date(this.options.now().getTime() + this.ttlMs);
    await this.ensureStored(rma.rma, () => this.render(rma, order, options.lang ?? this.options.defaultLang ?? 'en'));
    const token = signLabelToken({ rma: rma.rma, expiresAt }, secret);
    return { rma: rma.rma, url: `${this.basePath}/${token}.pdf`, expiresAt: expiresAt.toISOString() };
  }

  /** Resolves a link token to the label bytes; tampered and unknown tokens both read as not_found. */
  async openLabel(token: string): Promise<LabelLookup> {
    let secret: string | Uint8Array;
    try {
      secret = await this.secret();
    } catch {
      return { ok: false, reason: 'unavailable' };
    }
    const check = verifyLabelToken(token, secret, this.options.now());
    if (!check.ok) return { ok: false, reason: check.reason === 'expired' ? 'expired' : 'not_found' };
    if (!RMA_PATTERN.test(check.rma)) return { ok: false, reason: 'not_found' };
    let pdf: Buffer | undefined;
    try {
      pdf = await this.store.get(check.rma);
    } catch {
      return { ok: false, reason: 'unavailable' };
    }
    return pdf ? { ok: true, rma: check.rma, pdf } : { ok: false, reason: 'not_found' };
  }

  private async secret(): Promise<string | Uint8Array> {
    const s = this.options.secret;
    return typeof s === 'function' ? s() : s;
  }

  private async readCjkFont(path: string): Promise<Buffer> {
    this.cjkFontBytes ??= readFile(path);
    try {
      return await this.cjkFontBytes;
    } catch (err) {
      this.cjkFontBytes = undefined;
      throw err;
    }
  }

  private async ensureStored(rma: string, render: () => Promise<Buffer>): Promise<void> {
    const running = this.inflight.get(rma);
    if (running) return running;
    // The stored label outlives the link (and a little clock skew between instances).
    const keepMs = this.ttlMs + STORE_GRACE_MS;
    const job = (async () => {
      if (await this.store.touch(rma, keepMs)) return;
      await this.store.putIfAbsent(rma, await render(), keepMs);
    })();
    this.inflight.set(rma, job);
    try {
      await job;
    } finally {
      this.inflight.delete(rma);
    }
  }

  private async render(rma: ReturnAuthorization, order: Order, wanted: Lang): Promise<Buffer> {
    const lang: Lang = wanted === 'zh' && !this.cjkFont ? 'en' : wanted;
    if (lang !== wanted) this.options.logger?.warn({ rma: rma.rma }, 'no CJK font: printing a Chinese buyer\'s return label in English');
    const items: LabelItem[] = rma.skus.map((sku) => {
      const item = order.items.find((i) => i.sku === sku);
      return { sku, title: item ? itemTitle(item, lang) : sku, quantity: item?.quantity ?? 1 };
    });
    const input = {
      rma: rma.rma,
      orderId: order.id,
      from: order.shippingAddress,
      to: this.options.returnAddress,
      items,
      returnShippingPaidBy: rma.returnShippingPaidBy,
      createdAt: rma.createdAt,
      lang,
      text: this.options.labelText(lang),
      ...(rma.dropOffCode === undefined ? {} : { dropOffCode: rma.dropOffCode }),
      ...(this.cjkFont === undefined ? {} : { cjkFont: { ...this.cjkFont, bytes: await this.readCjkFont(this.cjkFont.path) } }),
    };
    return renderLabelPdf(input);
  }
}
