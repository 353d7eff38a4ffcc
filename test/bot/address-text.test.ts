import { describe, expect, it } from 'vitest';
import { parseAddressText } from '../../src/domain/address-text.js';

describe('parseAddressText', () => {
  it('reads a US address with state and ZIP', () => {
    expect(parseAddressText('55 Elm Street, Apt 3, Springfield, IL 62704, USA', { name: 'A', countryCode: 'US' })).toEqual({
      ok: true,
      address: { name: 'A', line1: '55 Elm Street, Apt 3', city: 'Springfield', region: 'IL', postalCode: '62704', countryCode: 'US' },
    });
  });
  it('reads a German address with the postcode before the city', () => {
    const r = parseAddressText('Hauptstraße 5, 10115 Berlin', { name: 'B', countryCode: 'DE' });
    expect(r).toMatchObject({ ok: true, address: { line1: 'Hauptstraße 5', city: 'Berlin', postalCode: '10115' } });
  });
  it('reads a UK postcode', () => {
    const r = parseAddressText('10 Downing St, London, SW1A 2AA', { name: 'C', countryCode: 'UK' });
    expect(r).toMatchObject({ ok: true, address: { city: 'London', postalCode: 'SW1A 2AA' } });
  });
  it('reads a Chinese address', () => {
    const r = parseAddressText('上海市浦东新区世纪大道100号 12楼 邮编200120', { name: 'D', countryCode: 'CN' });
    expect(r).toMatchObject({ ok: true, address: { city: '上海市', postalCode: '200120', line1: '上海市浦东新区世纪大道100号 12楼' } });
  });
  it('says what is missing instead of guessing', () => {
    expect(parseAddressText('somewhere near the park', { name: 'E', countryCode: 'US' })).toEqual({ ok: false, missing: ['postalCode', 'city'] });
    expect(parseAddressText('55 Elm Street 62704', { name: 'E', countryCode: 'US' })).toMatchObject({ ok: false });
  });
});
