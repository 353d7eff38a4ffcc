/** Typed addresses read back per country (OpenCage templates), in both languages, without garbling. */
import { describe, expect, it } from 'vitest';
import { formatAddress, parseAddressText } from '../../src/domain/address-text.js';

function readBack(text: string, countryCode: string, lang: 'en' | 'zh' = 'en'): string {
  const parsed = parseAddressText(text, { name: 'Buyer', countryCode });
  if (!parsed.ok) throw new Error(`not parsed: ${parsed.missing.join(', ')}`);
  return formatAddress(parsed.address, { lang });
}

describe('address read-back', () => {
  it('a Chinese address typed with the country and stray commas reads back clean, city once, postcode per the CN format', () => {
    const shown = readBack('上海市浦东新区张杨路500号12楼，，中国, 200122', 'CN', 'zh');
    expect(shown).toBe('200122\n上海市浦东新区张杨路500号12楼');
    expect(shown).not.toMatch(/[，,]{2}|中国|上海市.*上海市/s);
  });

  it('a US address: street with apartment, then "City, ST ZIP"', () => {
    expect(readBack('1220 Spring St NW, Apt 3, Atlanta, GA 30309', 'US')).toBe('1220 Spring St NW, Apt 3\nAtlanta, GA 30309');
  });

  it('German and British orders follow their own formats', () => {
    expect(readBack('Hauptstraße 5, 10115 Berlin', 'DE')).toBe('Hauptstraße 5\n10115 Berlin');
    expect(readBack('10 Downing St, London SW1A 2AA', 'GB')).toBe('10 Downing St\nLondon\nSW1A 2AA');
  });

  it('the country, when wanted, is named in the buyer\'s language', () => {
    const a = { name: 'B', line1: '1220 Spring St NW', line2: 'Apt 3', city: 'Atlanta', region: 'GA', postalCode: '30309', countryCode: 'US' };
    expect(formatAddress(a, { lang: 'en', withCountry: true })).toBe('1220 Spring St NW, Apt 3\nAtlanta, GA 30309\nUnited States');
    expect(formatAddress(a, { lang: 'zh', withCountry: true })).toBe('1220 Spring St NW, Apt 3\nAtlanta, GA 30309\n美国');
  });
});
