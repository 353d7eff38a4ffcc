/**
 * Redis key naming shared by every store: a namespace prefix in front of the key (never moving its
 * `{hash tag}`), and the Cluster hash slot a key lives on (to group a batch by slot).
 */

/** Redis Cluster hash slot of a key (CRC16/XMODEM of the `{tag}` if present), for grouping batches. */
export function keySlot(key: string): number {
  const bytes = Buffer.from(key, 'utf8');
  let start = 0;
  let end = bytes.length;
  const open = bytes.indexOf(0x7b); // '{'
  if (open !== -1) {
    const close = bytes.indexOf(0x7d, open + 1); // '}'
    if (close > open + 1) {
      start = open + 1;
      end = close;
    }
  }
  let crc = 0;
  for (let i = start; i < end; i++) {
    crc ^= (bytes[i] ?? 0) << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc % 16384;
}

/** Join a namespace prefix and a key without moving the key's `{hash tag}`. */
export function prefixKey(prefix: string, key: string): string {
  return prefix === '' ? key : `${prefix}:${key}`;
}

/** A prefix with braces would become the hash tag itself and put every key on one slot. */
export function assertValidPrefix(prefix: string): void {
  if (/[{}]/.test(prefix)) throw new RangeError(`Redis key prefix must not contain "{" or "}": ${prefix}`);
}
