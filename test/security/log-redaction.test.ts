import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../support/assistant.js';

describe('log redaction on real pino output', () => {
  it('removes emails, phone numbers and addresses from messages and fields at any usual depth', () => {
    const { logger, lines } = memoryLogger();
    logger.info('buyer wrote marcus.johnson@example.net and +1 (404) 555-0199 about 112-7051384-2296640');
    logger.info({ email: 'a.b@example.org', phone: '+44 20 7946 0958' }, 'top-level fields');
    logger.info({ order: { buyerEmail: 'wang.fang@example.cn', shippingAddress: { line1: '88 Jianguo Rd', postalCode: '100022' } } }, 'nested');
    logger.warn({ conversationId: 'c1', err: 'lookup failed for sofia.martinez@example.org' }, 'error text');
    logger.child({ conversationId: 'c2' }).info({ address: { line1: '1 Main St', city: 'Atlanta' } }, 'child logger');
    const out = JSON.stringify(lines);
    for (const secret of ['marcus.johnson@example.net', '555-0199', 'a.b@example.org', '7946', 'wang.fang', 'Jianguo', '100022', 'sofia.martinez', '1 Main St', 'Atlanta']) {
      expect(out).not.toContain(secret);
    }
    // Order ids are not personal data and stay readable for support.
    expect(out).toContain('112-7051384-2296640');
    expect(lines).toHaveLength(5);
  });

  it('keeps addresses of servers and dates readable: they are not phone numbers', () => {
    const { logger, lines } = memoryLogger();
    logger.info({ url: 'http://127.0.0.1:3978' }, 'listening on 10.0.0.12 since 2026-12-01, call +1 404 555 0199');
    const out = JSON.stringify(lines);
    expect(out).toContain('http://127.0.0.1:3978');
    expect(out).toContain('10.0.0.12');
    expect(out).toContain('2026-12-01');
    expect(out).not.toContain('555 0199');
  });

  it('redacts in linear time: a 100 000-character message is logged promptly', () => {
    const { logger, lines } = memoryLogger();
    logger.info(`${'x'.repeat(100_000)} a@b.co`);
    expect(String(lines[0]?.msg)).toContain('[email]');
  });
});
