/**
 * The region of an Italian municipality from its ISTAT code. A comune's 6-digit code starts with
 * the 3-digit code of its province (for the città metropolitane, of the province they replaced),
 * and ISTAT gives a comune a new code when it moves to another province, so the first three
 * digits name the region. Source: ISTAT, "Codici statistici delle unità amministrative
 * territoriali" (https://www.istat.it/it/archivio/6789, now on SITUAS), as of January 2026.
 */

/** The 20 regions, named as ISTAT writes them ("Denominazione Regione"), by ISTAT region code. */
export const REGIONS = {
  '01': 'Piemonte',
  '02': "Valle d'Aosta/Vallée d'Aoste",
  '03': 'Lombardia',
  '04': 'Trentino-Alto Adige/Südtirol',
  '05': 'Veneto',
  '06': 'Friuli-Venezia Giulia',
  '07': 'Liguria',
  '08': 'Emilia-Romagna',
  '09': 'Toscana',
  '10': 'Umbria',
  '11': 'Marche',
  '12': 'Lazio',
  '13': 'Abruzzo',
  '14': 'Molise',
  '15': 'Campania',
  '16': 'Puglia',
  '17': 'Basilicata',
  '18': 'Calabria',
  '19': 'Sicilia',
  '20': 'Sardegna',
} as const;

/** An ISTAT region code, '01' (Piemonte) to '20' (Sardegna). */
export type RegionCode = keyof typeof REGIONS;

/** A region's name as ISTAT writes it. */
export type RegionName = (typeof REGIONS)[RegionCode];

/** The region code of every province code a comune's code can start with, withdrawn ones included. */
export const PROVINCE_REGIONS: Readonly<Record<string, RegionCode>> = {
  '001': '01', // Torino (città metropolitana 201)
  '002': '01', // Vercelli
  '003': '01', // Novara
  '004': '01', // Cuneo
  '005': '01', // Asti
  '006': '01', // Alessandria
  '007': '02', // Aosta (Valle d'Aosta, no province: a statistical unit)
  '008': '07', // Imperia
  '009': '07', // Savona
  '010': '07', // Genova (città metropolitana 210)
  '011': '07', // La Spezia
  '012': '03', // Varese
  '013': '03', // Como
  '014': '03', // Sondrio
  '015': '03', // Milano (città metropolitana 215)
  '016': '03', // Bergamo
  '017': '03', // Brescia
  '018': '03', // Pavia
  '019': '03', // Cremona
  '020': '03', // Mantova
  '021': '04', // Bolzano/Bozen (provincia autonoma)
  '022': '04', // Trento (provincia autonoma)
  '023': '05', // Verona
  '024': '05', // Vicenza
  '025': '05', // Belluno
  '026': '05', // Treviso
  '027': '05', // Venezia (città metropolitana 227)
  '028': '05', // Padova
  '029': '05', // Rovigo
  '030': '06', // Udine (ente di decentramento regionale since 2020)
  '031': '06', // Gorizia (EDR)
  '032': '06', // Trieste (EDR)
  '033': '08', // Piacenza
  '034': '08', // Parma
  '035': '08', // Reggio nell'Emilia
  '036': '08', // Modena
  '037': '08', // Bologna (città metropolitana 237)
  '038': '08', // Ferrara
  '039': '08', // Ravenna
  '040': '08', // Forlì-Cesena
  '041': '11', // Pesaro e Urbino
  '042': '11', // Ancona
  '043': '11', // Macerata
  '044': '11', // Ascoli Piceno
  '045': '09', // Massa-Carrara
  '046': '09', // Lucca
  '047': '09', // Pistoia
  '048': '09', // Firenze (città metropolitana 248)
  '049': '09', // Livorno
  '050': '09', // Pisa
  '051': '09', // Arezzo
  '052': '09', // Siena
  '053': '09', // Grosseto
  '054': '10', // Perugia
  '055': '10', // Terni
  '056': '12', // Viterbo
  '057': '12', // Rieti
  '058': '12', // Roma (città metropolitana 258)
  '059': '12', // Latina
  '060': '12', // Frosinone
  '061': '15', // Caserta
  '062': '15', // Benevento
  '063': '15', // Napoli (città metropolitana 263)
  '064': '15', // Avellino
  '065': '15', // Salerno
  '066': '13', // L'Aquila
  '067': '13', // Teramo
  '068': '13', // Pescara
  '069': '13', // Chieti
  '070': '14', // Campobasso
  '071': '16', // Foggia
  '072': '16', // Bari (città metropolitana 272)
  '073': '16', // Taranto
  '074': '16', // Brindisi
  '075': '16', // Lecce
  '076': '17', // Potenza
  '077': '17', // Matera
  '078': '18', // Cosenza
  '079': '18', // Catanzaro
  '080': '18', // Reggio Calabria (città metropolitana 280)
  '081': '19', // Trapani (libero consorzio comunale)
  '082': '19', // Palermo (città metropolitana 282)
  '083': '19', // Messina (città metropolitana 283)
  '084': '19', // Agrigento
  '085': '19', // Caltanissetta
  '086': '19', // Enna
  '087': '19', // Catania (città metropolitana 287)
  '088': '19', // Ragusa
  '089': '19', // Siracusa
  '090': '20', // Sassari
  '091': '20', // Nuoro
  '092': '20', // Cagliari (città metropolitana 292)
  '093': '06', // Pordenone (EDR)
  '094': '14', // Isernia
  '095': '20', // Oristano
  '096': '01', // Biella
  '097': '03', // Lecco
  '098': '03', // Lodi
  '099': '08', // Rimini
  '100': '09', // Prato
  '101': '18', // Crotone
  '102': '18', // Vibo Valentia
  '103': '01', // Verbano-Cusio-Ossola
  '104': '20', // Olbia-Tempio (withdrawn 2016)
  '105': '20', // Ogliastra (withdrawn 2016)
  '106': '20', // Medio Campidano (withdrawn 2016)
  '107': '20', // Carbonia-Iglesias (withdrawn 2016)
  '108': '03', // Monza e della Brianza
  '109': '11', // Fermo
  '110': '16', // Barletta-Andria-Trani
  '111': '20', // Sud Sardegna (2016 to 2025)
  // The Sardinian reform of 2025 (regional law 7/2021, in force from 17 July 2025), used by ISTAT
  // from 1 January 2026.
  '112': '20', // Sassari (città metropolitana)
  '113': '20', // Gallura Nord-Est Sardegna
  '114': '20', // Nuoro
  '115': '20', // Oristano
  '116': '20', // Ogliastra
  '117': '20', // Medio Campidano
  '118': '20', // Cagliari (città metropolitana)
  '119': '20', // Sulcis Iglesiente
};

/** The region of a comune from its ISTAT code ('058091', or '58091' with the leading zero lost), or null. */
export function regionOfComune(code: string): RegionName | null {
  const digits = code.trim();
  if (!/^\d{4,6}$/.test(digits)) return null;
  const full = digits.padStart(6, '0');
  if (full.endsWith('000')) return null;
  const region = PROVINCE_REGIONS[full.slice(0, 3)];
  return region === undefined ? null : REGIONS[region];
}
