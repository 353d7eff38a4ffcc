/**
 * Carrier names a Chinese buyer reads: Chinese where the carrier has a settled Chinese name, the
 * Latin brand alone where Chinese shoppers write it that way (never a made-up "DPD 快递").
 */
import { describe, expect, it } from 'vitest';
import { carrierName } from '../../src/domain/carriers.js';

describe('carrierName', () => {
  it.each([
    ['SF Express', '顺丰速运'],
    ['FedEx', '联邦快递（FedEx）'],
    ['USPS', '美国邮政（USPS）'],
    ['Royal Mail', '英国皇家邮政（Royal Mail）'],
    ['Amazon Logistics', '亚马逊物流（Amazon Logistics）'],
    ['China Post', '中国邮政'],
  ])('zh: %s has its Chinese name %s (a foreign carrier keeps its brand, as on the label)', (source, zh) => {
    expect(carrierName(source, 'zh')).toBe(zh);
  });

  it.each([
    ['DPD', 'DPD'],
    ['dpd', 'DPD'],
    ['DHL', 'DHL'],
    ['DHL Express', 'DHL'],
    ['UPS', 'UPS'],
    ['GLS', 'GLS'],
    ['Evri', 'Evri'],
    ['EMS', 'EMS'],
  ])('zh: %s is written %s, with no Chinese filler around it', (source, zh) => {
    expect(carrierName(source, 'zh')).toBe(zh);
  });

  it('no Chinese name ends in a bare "快递" after a Latin brand', () => {
    for (const source of ['DPD', 'DHL', 'UPS', 'GLS', 'Evri', 'Hermes', 'Parcelforce', 'EMS', 'OnTrac']) {
      expect(carrierName(source, 'zh')).not.toMatch(/[A-Za-z]\s*快递/);
    }
  });

  it('en: the source spelling; unknown carriers keep it in zh too', () => {
    expect(carrierName('SF Express', 'en')).toBe('SF Express');
    expect(carrierName('Acme Freight', 'zh')).toBe('Acme Freight');
  });
});
