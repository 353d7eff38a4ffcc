/**
 * Structured logs (pino). Buyer data that identifies a person is redacted both by field path and,
 * for free text, by pattern: emails, phone numbers and street addresses never reach the log sink.
 */
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

// Bounded quantifiers keep matching linear in the text length (unbounded ones were quadratic on long input).
const EMAIL = /[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/g;
const PHONE = /\+?\d[\d\s().-]{7,18}\d/g;
/** Digit runs shaped like a phone number that are not personal data: order ids, IPv4 addresses, ISO dates. */
const NOT_A_PHONE = /^(?:\d{3}-\d{7}-\d{7}|\d{1,3}(?:\.\d{1,3}){3}|\d{4}-\d{2}-\d{2})$/;

/** Scrub free text before it is logged. Order ids, IP addresses and dates survive (they identify nobody on their own). */
export function redactText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, (m) => (NOT_A_PHONE.test(m) ? m : '[phone]'));
}

const REDACT_PATHS = [
  '*.email',
  '*.buyerEmail',
  '*.phone',
  '*.address',
  '*.shippingAddress',
  '*.postalCode',
  'email',
  'phone',
  'address',
  'req.headers.authorization',
  '*.authorization',
  '*.token',
];

/** Field names whose values identify a person, redacted at any depth. */
const PERSONAL_FIELD = /^(email|buyerEmail|verifiedEmail|phone|address|shippingAddress|postalCode|line1|line2|street|city)$/i;

/**
 * Copy of a log argument with personal fields censored and free text scrubbed, at any depth
 * (pino's path redaction only reaches the paths listed; this covers error texts and nested objects).
 */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 6 || typeof value !== 'object' || value === null) return value;
  if (value instanceof Error) {
    return { type: value.name, message: redactText(value.message), ...(value.stack ? { stack: redactText(value.stack) } : {}) };
  }
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = PERSONAL_FIELD.test(k) ? '[redacted]' : scrubValue(v, depth + 1);
  return out;
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => scrubValue(a));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
