import { describe, expect, it } from 'vitest';
import { PROVINCE_REGIONS, REGIONS, regionOfComune } from '../../src/domain/governance/istat-regions.js';

const code = (n: number) => String(n).padStart(3, '0');

/** The provinces (and equivalent units) of 2024, from ISTAT's list: 001–103 and 108–111. */
const CURRENT = [...Array.from({ length: 103 }, (_, i) => code(i + 1)), '108', '109', '110', '111'];

describe('the region of a comune from its ISTAT code', () => {
  it('maps every province code, current and withdrawn, to one of the 20 regions, each region reached', () => {
    const names = new Set<string>(Object.values(REGIONS));
    expect(names.size).toBe(20);
    for (const [province, region] of Object.entries(PROVINCE_REGIONS)) {
      expect(province).toMatch(/^\d{3}$/);
      expect(names.has(REGIONS[region])).toBe(true);
      expect(regionOfComune(`${province}001`)).toBe(REGIONS[region]);
    }
    expect(new Set(Object.values(PROVINCE_REGIONS)).size).toBe(20);
    expect(Object.keys(PROVINCE_REGIONS).sort()).toEqual(Array.from({ length: 119 }, (_, i) => code(i + 1)));
  });

  it('has as many current provinces in each region as ISTAT lists', () => {
    const perRegion: Record<string, number> = {};
    for (const province of CURRENT) {
      const name = REGIONS[PROVINCE_REGIONS[province]!];
      perRegion[name] = (perRegion[name] ?? 0) + 1;
    }
    expect(perRegion).toEqual({
      Piemonte: 8,
      "Valle d'Aosta/Vallée d'Aoste": 1,
      Lombardia: 12,
      'Trentino-Alto Adige/Südtirol': 2,
      Veneto: 7,
      'Friuli-Venezia Giulia': 4,
      Liguria: 4,
      'Emilia-Romagna': 9,
      Toscana: 10,
      Umbria: 2,
      Marche: 5,
      Lazio: 5,
      Abruzzo: 4,
      Molise: 2,
      Campania: 5,
      Puglia: 6,
      Basilicata: 2,
      Calabria: 5,
      Sicilia: 9,
      Sardegna: 5,
    });
  });

  it.each([
    ['058091', 'Roma', 'Lazio'],
    ['015146', 'Milano', 'Lombardia'],
    ['063049', 'Napoli', 'Campania'],
    ['007003', 'Aosta', "Valle d'Aosta/Vallée d'Aoste"],
    ['021008', 'Bolzano', 'Trentino-Alto Adige/Südtirol'],
    ['022205', 'Trento', 'Trentino-Alto Adige/Südtirol'],
    ['092009', 'Cagliari', 'Sardegna'],
    ['111009', 'a comune of Sud Sardegna', 'Sardegna'],
    ['107002', 'a comune of Carbonia-Iglesias, before 2016', 'Sardegna'],
    ['113001', 'a comune of Gallura Nord-Est Sardegna, from 2026', 'Sardegna'],
    ['093033', 'Pordenone', 'Friuli-Venezia Giulia'],
    ['032006', 'Trieste', 'Friuli-Venezia Giulia'],
    ['099014', 'Rimini', 'Emilia-Romagna'],
    ['108033', 'Monza', 'Lombardia'],
    ['110001', 'Andria', 'Puglia'],
  ])('%s (%s) is in %s', (istat, _name, region) => {
    expect(regionOfComune(istat)).toBe(region);
  });

  it('accepts a code whose leading zeros were lost, and spaces around it', () => {
    expect(regionOfComune('58091')).toBe('Lazio');
    expect(regionOfComune('1272')).toBe('Piemonte');
    expect(regionOfComune(' 058091 ')).toBe('Lazio');
  });

  it.each([
    '',
    '   ',
    'H501',
    '058-091',
    '058.091',
    '58091.0',
    '0580910',
    '123',
    '12',
    '000001',
    '120001',
    '999001',
    '058000',
  ])('answers null for %j', (malformed) => {
    expect(regionOfComune(malformed)).toBeNull();
  });
});
