/** Where replies may be posted (pure rules behind the /api/messages trust gate and proactive posts). */
import { describe, expect, it } from 'vitest';
import { isDirectLoopback, referenceTrusted, serviceUrlTrusted } from '../../../src/security/trusted-callers.js';

const local = { botFramework: false, allowList: [] };
const azure = { botFramework: true, allowList: [] };

describe('trusted service URLs', () => {
  it("trusts Microsoft's Bot Framework hosts only with an app id, over https, by exact name or Microsoft-owned suffix", () => {
    for (const url of ['https://smba.trafficmanager.net/amer/', 'https://webchat.botframework.com/', 'https://europe.directline.botframework.com/', 'https://smba.infra.gcc.teams.microsoft.com/', 'https://smba.infra.gov.teams.microsoft.us/']) {
      expect(serviceUrlTrusted(url, false, azure), url).toBe(true);
      expect(serviceUrlTrusted(url, false, local), url).toBe(false);
    }
    for (const url of ['http://smba.trafficmanager.net/amer/', 'https://evil.trafficmanager.net/', 'https://smba.trafficmanager.net.evil.example/', 'https://botframework.com.evil.example/', 'https://evilbotframework.com/', 'https://user:pw@smba.trafficmanager.net/']) {
      expect(serviceUrlTrusted(url, false, azure), url).toBe(false);
    }
  });

  it('trusts loopback only for a caller on this machine, and an explicit allow-list in both modes', () => {
    for (const options of [local, azure]) {
      expect(serviceUrlTrusted('http://127.0.0.1:9/', true, options)).toBe(true);
      expect(serviceUrlTrusted('http://localhost:3979/', true, options)).toBe(true);
      expect(serviceUrlTrusted('http://[::1]:9/', true, options)).toBe(true);
      expect(serviceUrlTrusted('http://127.0.0.1:6379/', false, options)).toBe(false);
    }
    const listed = { botFramework: false, allowList: ['https://bots.example.com/connector/'] };
    expect(serviceUrlTrusted('https://bots.example.com/connector/v3', false, listed)).toBe(true);
    expect(serviceUrlTrusted('https://bots.example.com/other/', false, listed)).toBe(false);
    expect(serviceUrlTrusted('https://bots.example.com.evil.example/connector/', false, listed)).toBe(false);
    for (const bad of [undefined, 5, '', 'not a url', 'file:///etc/passwd', 'gopher://127.0.0.1:6379/_', 'javascript:alert(1)']) expect(serviceUrlTrusted(bad, true, local)).toBe(false);
  });

  it('stored references: loopback is followed in local mode only', () => {
    expect(referenceTrusted('http://127.0.0.1:9/', local)).toBe(true);
    expect(referenceTrusted('http://127.0.0.1:9/', azure)).toBe(false);
    expect(referenceTrusted('https://smba.trafficmanager.net/emea/', azure)).toBe(true);
  });

  it('a loopback peer with any proxy header is not a direct caller', () => {
    const none = () => undefined;
    expect(isDirectLoopback('127.0.0.1', none)).toBe(true);
    expect(isDirectLoopback('::ffff:127.0.0.1', none)).toBe(true);
    expect(isDirectLoopback('10.0.0.2', none)).toBe(false);
    for (const h of ['x-forwarded-for', 'x-real-ip', 'forwarded', 'x-forwarded-host', 'true-client-ip', 'cf-connecting-ip']) {
      expect(isDirectLoopback('127.0.0.1', (name) => (name === h ? '203.0.113.7' : undefined)), h).toBe(false);
    }
  });
});
