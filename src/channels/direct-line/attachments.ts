/**
 * Buyer photos (return and complaint evidence): only JPEG, PNG or WebP up to 5 MB, recognised by
 * their bytes rather than by what the browser claims, stored under the data dir with an
 * unguessable name and served back by this app so the bot (and an agent) can open them.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

const EXTENSION: Record<PhotoType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const TYPE_OF_EXTENSION = new Map<string, PhotoType>([
  ['jpg', 'image/jpeg'],
  ['png', 'image/png'],
  ['webp', 'image/webp'],
]);

export type PhotoRejection = 'tooLarge' | 'notAPhoto' | 'empty';

/** The photo type the bytes actually are, or undefined for anything else (SVG, HTML, GIF, ...). */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | undefined {
  const at = (i: number) => bytes[i] ?? -1;
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => at(i) === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return undefined;
}

export function checkPhoto(bytes: Uint8Array, maxBytes = MAX_PHOTO_BYTES): { ok: true; type: PhotoType } | { ok: false; reason: PhotoRejection } {
  if (bytes.byteLength === 0) return { ok: false, reason: 'empty' };
  if (bytes.byteLength > maxBytes) return { ok: false, reason: 'tooLarge' };
  const type = sniffPhotoType(bytes);
  return type ? { ok: true, type } : { ok: false, reason: 'notAPhoto' };
}

export interface StoredPhoto {
  /** File name under the upload dir, e.g. `3f…9a.jpg`; also the last path segment of its URL. */
  name: string;
  contentType: PhotoType;
}

/** Where uploaded photos live; a shared-volume or object-store version can replace it. */
export interface PhotoStore {
  save(bytes: Uint8Array, type: PhotoType): Promise<StoredPhoto>;
  /** Undefined for unknown or malformed names. */
  load(name: string): Promise<{ bytes: Buffer; contentType: PhotoType } | undefined>;
}

const NAME = /^[a-f0-9]{32}\.(jpg|png|webp)$/;

export class FilePhotoStore implements PhotoStore {
  constructor(private readonly dir: string) {}

  async save(bytes: Uint8Array, type: PhotoType): Promise<StoredPhoto> {
    await mkdir(this.dir, { recursive: true });
    const name = `${randomBytes(16).toString('hex')}.${EXTENSION[type]}`;
    await writeFile(join(this.dir, name), bytes, { flag: 'wx' });
    return { name, contentType: type };
  }

  async load(name: string): Promise<{ bytes: Buffer; contentType: PhotoType } | undefined> {
    const match = NAME.exec(name);
    const contentType = match?.[1] ? TYPE_OF_EXTENSION.get(match[1]) : undefined;
    if (!contentType) return undefined;
    try {
      return { bytes: await readFile(join(this.dir, name)), contentType };
    } catch {
      return undefined;
    }
  }
}
