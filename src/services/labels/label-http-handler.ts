/**
 * Serves `/labels/<token>.pdf` for node:http or express. Label links are bearer links, so responses
 * are never cached or sent on as a referrer, and failures say only "not found", "gone" or, while
 * the label store cannot answer, "unavailable".
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LabelLookup } from './local-return-label-service.js';

export interface LabelSource {
  readonly basePath: string;
  openLabel(token: string): Promise<LabelLookup>;
}

const TOKEN_PATH = /^([A-Za-z0-9_.-]{1,400})\.pdf$/;

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function plain(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    ...extra,
  });
  res.end(body);
}

/**
 * Returns false (and leaves the response alone) for any path outside the label prefix, so the lead
 * can chain it before other routes.
 */
export function createLabelRequestHandler(service: LabelSource): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const prefix = `${service.basePath}/`;
  return async (req, res) => {
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://label.invalid').pathname;
    } catch {
      return false;
    }
    if (!pathname.startsWith(prefix)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      plain(res, 405, 'Method not allowed', { allow: 'GET, HEAD' });
      return true;
    }
    const match = TOKEN_PATH.exec(pathname.slice(prefix.length));
    const lookup: LabelLookup = match?.[1] ? await service.openLabel(match[1]) : { ok: false, reason: 'not_found' };
    if (!lookup.ok) {
      if (lookup.reason === 'expired') plain(res, 410, 'Gone');
      // The label store (Redis) did not answer: the link itself may be fine, so ask to come back.
      else if (lookup.reason === 'unavailable') plain(res, 503, 'Service unavailable', { 'retry-after': '5' });
      else plain(res, 404, 'Not found');
      return true;
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="return-label-${lookup.rma}.pdf"`,
      'content-length': String(lookup.pdf.length),
    });
    res.end(req.method === 'HEAD' ? undefined : lookup.pdf);
    return true;
  };
}
