/**
 * zlib's hash memory level (1–9, default 8) for transcript lines and conversation records. Both are
 * short: at 4 the bench's stored lines and records came out the same size on average, and each call
 * sets up ~120 KB less zlib state (−10–30 % CPU per deflate).
 * Readers are unaffected (the stream format does not depend on it).
 */
export const DEFLATE_MEM_LEVEL = 4;
