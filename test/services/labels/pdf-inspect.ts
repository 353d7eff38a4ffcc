/** Reads a PDF back the way a person or a scanner would: its text, and the barcode in its images. */
import { BinaryBitmap, Code128Reader, HybridBinarizer, RGBLuminanceSource } from '@zxing/library';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface DecodedImage {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

function isDecodedImage(value: unknown): value is DecodedImage {
  if (typeof value !== 'object' || value === null) return false;
  const v: Record<string, unknown> = { ...value };
  return typeof v['width'] === 'number' && typeof v['height'] === 'number' && (v['data'] instanceof Uint8ClampedArray || v['data'] instanceof Uint8Array);
}

export interface InspectedPdf {
  pages: number;
  /** All text items of all pages, joined with single spaces. */
  text: string;
  images: DecodedImage[];
}

export async function inspectPdf(bytes: Uint8Array): Promise<InspectedPdf> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
  const parts: string[] = [];
  const images: DecodedImage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    for (const item of content.items) if ('str' in item && item.str.trim() !== '') parts.push(item.str);
    const ops = await page.getOperatorList();
    for (let i = 0; i < ops.fnArray.length; i++) {
      if (ops.fnArray[i] !== OPS.paintImageXObject) continue;
      const args: unknown[] = ops.argsArray[i] ?? [];
      const id = args[0];
      if (typeof id !== 'string') continue;
      const img = await new Promise<unknown>((resolve) => page.objs.get(id, resolve));
      if (isDecodedImage(img)) images.push(img);
    }
  }
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text: parts.join(' '), images };
}

/** Code 128 value of an RGB(A) image, composited on white as paper would be; undefined if none found. */
export function decodeCode128(img: DecodedImage): string | undefined {
  const pixels = img.width * img.height;
  const channels = img.data.length / pixels;
  const lum = new Uint8ClampedArray(pixels);
  for (let p = 0; p < pixels; p++) {
    const o = p * channels;
    const r = img.data[o] ?? 255;
    const g = channels >= 3 ? (img.data[o + 1] ?? 255) : r;
    const b = channels >= 3 ? (img.data[o + 2] ?? 255) : r;
    const a = channels === 4 ? (img.data[o + 3] ?? 255) / 255 : 1;
    lum[p] = (0.299 * r + 0.587 * g + 0.114 * b) * a + 255 * (1 - a);
  }
  try {
    const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(lum, img.width, img.height)));
    return new Code128Reader().decode(bitmap).getText();
  } catch {
    return undefined;
  }
}
