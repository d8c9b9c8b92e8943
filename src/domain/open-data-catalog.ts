/**
 * The catalogue record of the open data, DCAT-AP_IT in JSON-LD: a `dcat:Catalog` with one
 * dataset (the monthly indicators) and its two distributions, the CSV and the JSON. Its temporal
 * coverage runs from the first published month to the last; `modified` is the latest release.
 */
import { OPEN_DATA_LICENCE } from './open-data.js';

const EU = 'http://publications.europa.eu/resource/authority';

/** Who publishes: the central office that runs the platform. */
const PUBLISHER = {
  it: 'Ufficio centrale di statistica della piattaforma Valuta',
  en: 'Valuta central statistical office',
};
const TITLE = {
  it: 'Soddisfazione dei cittadini per i servizi pubblici digitali',
  en: 'Citizen satisfaction with digital public services',
};
const DESCRIPTION = {
  it: 'Indicatori mensili dei questionari Valuta (soddisfazione, facilità, efficacia, chiarezza: quota di risposte positive con intervallo di Wilson al 95% e n), per l’Italia, per tipo di amministrazione e per ente, sotto controllo della riservatezza statistica (valori riservati con stato :c). Un mese pubblicato non cambia: una correzione è un nuovo rilascio.',
  en: 'Monthly indicators of the Valuta questionnaires (satisfaction, ease, effectiveness, clarity: share of positive answers with its 95% Wilson interval and n), for Italy, by type of administration and by administration, under statistical disclosure control (withheld values with status :c). A published month never changes: a correction is a new release.',
};

const text = (by: { it: string; en: string }) => [
  { '@language': 'it', '@value': by.it },
  { '@language': 'en', '@value': by.en },
];
const date = (d: string) => ({ '@type': 'xsd:date', '@value': d });

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The record, for a server at `publicUrl` with these releases (any order). */
export function openDataCatalog(
  publicUrl: string,
  releases: readonly { readonly month: string; readonly publishedAt: Date }[],
) {
  const page = `${publicUrl}/open-data`;
  const months = releases.map((r) => r.month).sort();
  const modified = releases
    .map((r) => r.publishedAt.toISOString().slice(0, 10))
    .sort()
    .at(-1);
  const publisher = {
    '@id': `${page}#publisher`,
    '@type': ['dcatapit:Agent', 'foaf:Agent'],
    'foaf:name': text(PUBLISHER),
    'dct:identifier': publicUrl,
  };
  const licence = { '@id': OPEN_DATA_LICENCE, '@type': ['dct:LicenseDocument', 'dcatapit:LicenseDocument'] };
  const distribution = (file: string, format: string, mediaType: string) => ({
    '@id': `${page}/${file}`,
    '@type': ['dcat:Distribution', 'dcatapit:Distribution'],
    'dct:title': text({ it: `Indicatori (${format})`, en: `Indicators (${format})` }),
    'dcat:accessURL': { '@id': `${page}/${file}` },
    'dcat:downloadURL': { '@id': `${page}/${file}` },
    'dct:format': { '@id': `${EU}/file-type/${format}` },
    'dcat:mediaType': mediaType,
    'dct:license': licence,
  });
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      dcatapit: 'http://dati.gov.it/onto/dcatapit#',
      foaf: 'http://xmlns.com/foaf/0.1/',
      vcard: 'http://www.w3.org/2006/vcard/ns#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@id': `${page}/catalog.json`,
    '@type': ['dcat:Catalog', 'dcatapit:Catalog'],
    'dct:title': text({ it: 'Dati aperti di Valuta', en: 'Valuta open data' }),
    'dct:description': text(DESCRIPTION),
    'dct:publisher': publisher,
    'foaf:homepage': { '@id': page },
    'dct:language': { '@id': `${EU}/language/ITA` },
    ...(modified ? { 'dct:modified': date(modified) } : {}),
    'dcat:dataset': [
      {
        '@id': `${page}#indicators`,
        '@type': ['dcat:Dataset', 'dcatapit:Dataset'],
        'dct:identifier': `${page}#indicators`,
        'dct:title': text(TITLE),
        'dct:description': text(DESCRIPTION),
        'dct:publisher': publisher,
        'dct:rightsHolder': publisher,
        'dcat:theme': { '@id': `${EU}/data-theme/GOVE` },
        'dct:accrualPeriodicity': { '@id': `${EU}/frequency/MONTHLY` },
        'dct:language': [{ '@id': `${EU}/language/ITA` }, { '@id': `${EU}/language/ENG` }],
        'dcat:landingPage': { '@id': page },
        'dcat:keyword': [
          'customer experience',
          'soddisfazione',
          'servizi digitali',
          'pubblica amministrazione',
        ],
        ...(months.length > 0
          ? {
              'dct:temporal': {
                '@type': 'dct:PeriodOfTime',
                'dcat:startDate': date(`${months[0]}-01`),
                'dcat:endDate': date(lastDay(months.at(-1)!)),
              },
            }
          : {}),
        ...(modified ? { 'dct:modified': date(modified) } : {}),
        'dct:license': licence,
        'dcat:contactPoint': {
          '@type': ['vcard:Organization', 'dcatapit:Organization'],
          'vcard:fn': PUBLISHER.it,
          'vcard:hasURL': { '@id': page },
        },
        'dcat:distribution': [
          distribution('indicators.csv', 'CSV', 'text/csv'),
          distribution('indicators.json', 'JSON', 'application/json'),
        ],
      },
    ],
  };
}
