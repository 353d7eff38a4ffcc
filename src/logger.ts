/**
 * Structured logs (pino). Buyer data that identifies a person is redacted both by field path and,
 * for free text, by pattern: emails, phone numbers and street addresses never reach the log sink.
 */
import { pino, type Logger, type DestinationStream } from 'pino';

export type { Logger };

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /\+?\d[\d\s().-]{7,}\d/g;
const ORDER_ID = /^\d{3}-\d{7}-\d{7}$/;

/** Scrub free text before it is logged. Order ids survive (they are not personal data on their own). */
export function redactText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, (m) => (ORDER_ID.test(m) ? m : '[phone]'));
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

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? redactText(a) : a));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
