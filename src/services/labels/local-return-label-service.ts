/**
 * The embedded return-label service: renders the PDF once per RMA into a directory and hands out
 * signed, expiring links to it. Works with no network; labels live on this machine's disk.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Address, Order, ReturnAuthorization } from '../../domain/order.js';
import type { Logger } from '../../logger.js';
import type { Lang } from '../../nlu/types.js';
import type { ReturnLabel, ReturnLabelService } from '../ports.js';
import { renderLabelPdf, type LabelItem } from './label-pdf.js';
import type { LabelTextProvider } from './label-text.js';
import { signLabelToken, verifyLabelToken } from './label-token.js';

/** Debian font packages that carry CJK glyphs in a TrueType outline pdfkit can embed (checked in order). */
export const DEFAULT_CJK_FONTS: readonly { path: string; family: string; aptPackage: string }[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei', aptPackage: 'fonts-wqy-zenhei' },
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYiMicroHei', aptPackage: 'fonts-wqy-microhei' },
  { path: '/usr/share/fonts/truetype/arphic/uming.ttc', family: 'AR-PLUMingCN-Light', aptPackage: 'fonts-arphic-uming' },
];

export const LABEL_DEFAULT_TTL_MS = 7 * 24 * 3_600_000;
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
  /** Where label PDFs are written (created if missing). One file per RMA. */
  dir: string;
  /** HMAC key for label links; links stay valid across restarts only if this is stable. */
  secret: string | Uint8Array;
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
  | { ok: false; reason: 'not_found' | 'expired' };

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
  /** One render per RMA at a time within this process. */
  private readonly inflight = new Map<string, Promise<void>>();

  constructor(options: LocalReturnLabelOptions) {
    this.options = options;
    this.ttlMs = options.ttlMs ?? LABEL_DEFAULT_TTL_MS;
    this.basePath = (options.basePath ?? '/labels').replace(/\/+$/, '');
    this.cjkFont = options.cjkFont === null ? undefined : (options.cjkFont ?? findDefaultCjkFont());
    if (this.cjkFont && !existsSync(this.cjkFont.path)) {
      options.logger?.warn({ fontPath: this.cjkFont.path }, 'CJK font file missing; Chinese return labels will print in English');
      this.cjkFont = undefined;
    } else if (!this.cjkFont) {
      options.logger?.warn(
        { aptPackages: DEFAULT_CJK_FONTS.map((f) => f.aptPackage) },
        'no CJK font found; Chinese return labels will print in English',
      );
    }
  }

  /** Whether Chinese labels can be printed in Chinese on this machine. */
  get printsChinese(): boolean {
    return this.cjkFont !== undefined;
  }

  /** Absolute path of an RMA's label file. */
  labelFile(rma: string): string {
    if (!RMA_PATTERN.test(rma)) throw new LabelError('LABEL_INVALID_RMA', 'RMA has characters a label cannot carry');
    return join(this.options.dir, `${rma}.pdf`);
  }

  /**
   * Renders the label the first time and reuses the file after that (the language of the first
   * request wins); every call returns a fresh link with a full TTL.
   */
  async createLabel(rma: ReturnAuthorization, order: Order, options: { lang?: Lang } = {}): Promise<ReturnLabel> {
    const file = this.labelFile(rma.rma);
    if (rma.orderId !== order.id) throw new LabelError('LABEL_ORDER_MISMATCH', 'return authorization is for another order');
    await this.ensureFile(file, () => this.render(rma, order, options.lang ?? this.options.defaultLang ?? 'en'));
    const expiresAt = new Date(this.options.now().getTime() + this.ttlMs);
    const token = signLabelToken({ rma: rma.rma, expiresAt }, this.options.secret);
    return { rma: rma.rma, url: `${this.basePath}/${token}.pdf`, expiresAt: expiresAt.toISOString() };
  }

  /** Resolves a link token to the label bytes; tampered and unknown tokens both read as not_found. */
  async openLabel(token: string): Promise<LabelLookup> {
    const check = verifyLabelToken(token, this.options.secret, this.options.now());
    if (!check.ok) return { ok: false, reason: check.reason === 'expired' ? 'expired' : 'not_found' };
    if (!RMA_PATTERN.test(check.rma)) return { ok: false, reason: 'not_found' };
    try {
      return { ok: true, rma: check.rma, pdf: await readFile(this.labelFile(check.rma)) };
    } catch {
      return { ok: false, reason: 'not_found' };
    }
  }

  private async ensureFile(file: string, render: () => Promise<Buffer>): Promise<void> {
    const running = this.inflight.get(file);
    if (running) return running;
    const job = (async () => {
      try {
        await access(file);
        return;
      } catch {
        // not there yet: render it
      }
      await mkdir(this.options.dir, { recursive: true });
      const pdf = await render();
      // Write-then-rename so a reader never sees half a PDF.
      const tmp = `${file}.${randomUUID()}.tmp`;
      try {
        await writeFile(tmp, pdf, { flag: 'wx' });
        await rename(tmp, file);
      } finally {
        await rm(tmp, { force: true });
      }
    })();
    this.inflight.set(file, job);
    try {
      await job;
    } finally {
      this.inflight.delete(file);
    }
  }

  private async render(rma: ReturnAuthorization, order: Order, wanted: Lang): Promise<Buffer> {
    const lang: Lang = wanted === 'zh' && !this.cjkFont ? 'en' : wanted;
    if (lang !== wanted) this.options.logger?.warn({ rma: rma.rma }, 'no CJK font: printing a Chinese buyer\'s return label in English');
    const items: LabelItem[] = rma.skus.map((sku) => {
      const item = order.items.find((i) => i.sku === sku);
      return { sku, title: item?.title ?? sku, quantity: item?.quantity ?? 1 };
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
      ...(this.cjkFont === undefined ? {} : { cjkFont: this.cjkFont }),
    };
    return renderLabelPdf(input);
  }
}
