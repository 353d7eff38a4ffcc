/**
 * Renders one printable 4×6 in return label: the RMA big and as a Code 128 barcode (what the drop-off
 * counter scans, seed 002), both addresses, the order, who pays postage and any drop-off code.
 * Pure apart from CPU: every input, the creation date included, is an argument.
 */
import PDFDocument from 'pdfkit';
import { toBuffer } from 'bwip-js';
import type { Address } from '../../domain/order.js';
import type { Lang } from '../../domain/lang.js';
import type { LabelText } from './label-text.js';

/** 4×6 inches, the common thermal-label size; also prints fine centred on A4/Letter. */
export const LABEL_SIZE_PT: [number, number] = [288, 432];

export interface LabelItem {
  sku: string;
  title: string;
  quantity: number;
}

export interface LabelPdfInput {
  rma: string;
  orderId: string;
  /** The buyer: where the parcel comes from. */
  from: Address;
  /** The seller's return address. */
  to: Address;
  items: LabelItem[];
  returnShippingPaidBy: 'buyer' | 'seller';
  dropOffCode?: string;
  /** ISO date-time; printed as a date in the label's language. */
  createdAt: string;
  lang: Lang;
  text: LabelText;
  /**
   * TrueType/TTC font with CJK glyphs, used for any string Helvetica cannot print. Without it such
   * characters print as '?' (the caller then passes English label text). `bytes`: the file already
   * read (pdfkit otherwise reads the whole file again for every label: 10.5 MB for Noto Sans SC).
   */
  cjkFont?: { path: string; family?: string; bytes?: Buffer };
}

const LATIN = 'Helvetica';
const LATIN_BOLD = 'Helvetica-Bold';
const CJK = 'label-cjk';
/** Windows-1252 beyond Latin-1: what the built-in Helvetica can still encode. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function latinPrintable(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(ch);
}

function needsCjkFont(text: string): boolean {
  for (const ch of text) if (!latinPrintable(ch)) return true;
  return false;
}

/** Latin-only fallback: keep what Helvetica can draw, mark the rest instead of printing garbage. */
export function toLatinPrintable(text: string): string {
  let out = '';
  for (const ch of text) out += latinPrintable(ch) ? ch : ch === '\n' ? ' ' : '?';
  return out;
}

export function addressLines(a: Address): string[] {
  const lines = [a.name, a.line1];
  if (a.line2 !== undefined && a.line2 !== '') lines.push(a.line2);
  lines.push([a.city, a.region, a.postalCode].filter((p) => p !== undefined && p !== '').join(' '));
  lines.push(a.countryCode.toUpperCase());
  return lines;
}

function formatDate(iso: string, lang: Lang): string {
  const locale = lang === 'zh' ? 'zh-CN' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(iso),
  );
}

/** Code 128 PNG of the RMA, opaque white with a quiet zone so phone and counter scanners read it. */
export async function renderBarcodePng(value: string): Promise<Buffer> {
  return toBuffer({
    bcid: 'code128',
    text: value,
    scale: 4,
    height: 14,
    includetext: false,
    backgroundcolor: 'FFFFFF',
    paddingwidth: 12,
    paddingheight: 4,
  });
}

export async function renderLabelPdf(input: LabelPdfInput): Promise<Buffer> {
  const barcode = await renderBarcodePng(input.rma);
  const created = new Date(input.createdAt);
  const doc = new PDFDocument({
    size: LABEL_SIZE_PT,
    margin: 14,
    lang: input.lang === 'zh' ? 'zh-CN' : 'en',
    info: {
      Title: `${input.text.title} ${input.rma}`,
      Subject: input.rma,
      Creator: 'aftersales-assistant',
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const pageWidth = doc.page.width - left - doc.page.margins.right;
  const cjk = input.cjkFont;
  if (cjk) doc.registerFont(CJK, cjk.bytes ?? cjk.path, cjk.family ?? '');

  type WriteOptions = {
    bold?: boolean;
    x?: number;
    y?: number;
    width?: number;
    align?: 'left' | 'right' | 'center';
    /** At most this many lines, the last ending in an ellipsis: keeps the label on one page. */
    maxLines?: number;
  };
  /** Picks the font per string so Latin text keeps Helvetica and Chinese gets the CJK font. */
  const prepare = (text: string, size: number, bold: boolean): string => {
    const useCjk = cjk !== undefined && needsCjkFont(text);
    doc.font(useCjk ? CJK : bold ? LATIN_BOLD : LATIN).fontSize(size);
    return useCjk ? text : toLatinPrintable(text);
  };
  const write = (text: string, size: number, opts: WriteOptions = {}): void => {
    const printable = prepare(text, size, opts.bold === true);
    const textOpts = {
      width: opts.width ?? pageWidth,
      align: opts.align ?? 'left',
      lineGap: 1,
      height: doc.currentLineHeight(true) * (opts.maxLines ?? 1) + 0.5,
      ellipsis: true,
    };
    if (opts.x !== undefined && opts.y !== undefined) doc.text(printable, opts.x, opts.y, textOpts);
    else doc.text(printable, textOpts);
  };

  const rule = (): void => {
    doc.moveDown(0.3);
    doc.moveTo(left, doc.y).lineTo(left + pageWidth, doc.y).lineWidth(0.8).stroke('#000000');
    doc.moveDown(0.4);
  };

  // Header: title left, creation date right.
  const top = doc.y;
  write(input.text.title, 12, { bold: true, x: left, y: top, width: pageWidth / 2 });
  write(`${input.text.created}${input.text.separator}${formatDate(input.createdAt, input.lang)}`, 7, {
    x: left + pageWidth / 2,
    y: top + 3,
    width: pageWidth / 2,
    align: 'right',
  });
  doc.x = left;
  rule();

  // RMA: big number, then the barcode that encodes exactly the same string.
  write(input.text.rma, 7);
  write(input.rma, 20, { bold: true });
  const barcodeY = doc.y + 2;
  doc.image(barcode, left, barcodeY, { fit: [pageWidth, 54], align: 'center' });
  doc.y = barcodeY + 58;
  doc.x = left;
  rule();

  write(input.text.from, 7, { bold: true });
  for (const line of addressLines(input.from)) write(line, 8);
  doc.moveDown(0.4);
  write(input.text.to, 8, { bold: true });
  for (const line of addressLines(input.to)) write(line, 11, { bold: true });
  rule();

  write(`${input.text.order}${input.text.separator}${input.orderId}`, 8);
  write(`${input.text.postage}${input.text.separator}${input.returnShippingPaidBy === 'seller' ? input.text.prepaidBySeller : input.text.buyerPaysPostage}`, 9, {
    bold: true,
    maxLines: 2,
  });
  if (input.dropOffCode !== undefined && input.dropOffCode !== '') {
    write(`${input.text.dropOffCode}${input.text.separator}${input.dropOffCode}`, 12, { bold: true });
  }
  doc.moveDown(0.3);
  // Instructions are pinned to the bottom edge; items take what room is left above them.
  const instructions = prepare(input.text.instructions, 6, false);
  const instructionsTop = doc.page.height - doc.page.margins.bottom - doc.heightOfString(instructions, { width: pageWidth, lineGap: 1 }) - 2;
  write(input.text.items, 7, { bold: true });
  const lineHeight = 7 * 1.25;
  const room = Math.max(0, Math.floor((instructionsTop - doc.y) / lineHeight));
  const shown = input.items.length <= room ? input.items : input.items.slice(0, Math.max(0, room - 1));
  for (const item of shown) write(`${item.quantity} × ${item.title} (${item.sku})`, 7);
  if (input.items.length > shown.length) write(`+${input.items.length - shown.length}`, 7);
  write(input.text.instructions, 6, { x: left, y: instructionsTop, maxLines: 4 });

  doc.end();
  return finished;
}
