/**
 * Writes test/fixtures/indicepa-enti.csv: about 3,000 enti in the shape of IndicePA's "Enti"
 * open-data export as CKAN's datastore dump gives it (a BOM, a leading `_id` column, the real header
 * in the real order, CRLF line ends, fields quoted only when they must be). The pilot enti and the
 * big cities carry their real IPA, fiscal and ISTAT codes; the rest is synthetic, from a seeded
 * PRNG, so the file is the same on every run.
 *
 *   npx tsx scripts/make-indicepa-fixture.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../test/fixtures/indicepa-enti.csv', import.meta.url));

/** The "Enti" dataset's header, as of 2024–2026. */
export const HEADER = [
  '_id',
  'Codice_IPA',
  'Denominazione_ente',
  'Codice_fiscale_ente',
  'Tipologia',
  'Codice_Categoria',
  'Codice_natura',
  'Codice_ATECO',
  'Ente_in_liquidazione',
  'Codice_MIUR',
  'Codice_ISTAT',
  'Acronimo',
  'Nome_responsabile',
  'Cognome_responsabile',
  'Titolo_responsabile',
  'Codice_comune_ISTAT',
  'Codice_catastale_comune',
  'CAP',
  'Indirizzo',
  'Mail1',
  'Tipo_Mail1',
  'Mail2',
  'Tipo_Mail2',
  'Mail3',
  'Tipo_Mail3',
  'Mail4',
  'Tipo_Mail4',
  'Mail5',
  'Tipo_Mail5',
  'Sito_istituzionale',
  'Url_facebook',
  'Url_twitter',
  'Url_linkedin',
  'Url_youtube',
  'Data_aggiornamento',
] as const;

type Column = Exclude<(typeof HEADER)[number], '_id'>;
type Ente = Partial<Record<Column, string>>;

/** mulberry32: a small, fast, seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SEED = 20260115;
let random = prng(SEED);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const chance = (p: number) => random() < p;
const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');
const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/** Province code → [sigla, name], the provinces current in 2024 (withdrawn Sardinian ones excluded). */
const PROVINCES: Readonly<Record<string, readonly [string, string]>> = {
  '001': ['TO', 'Torino'],
  '002': ['VC', 'Vercelli'],
  '003': ['NO', 'Novara'],
  '004': ['CN', 'Cuneo'],
  '005': ['AT', 'Asti'],
  '006': ['AL', 'Alessandria'],
  '007': ['AO', 'Aosta'],
  '008': ['IM', 'Imperia'],
  '009': ['SV', 'Savona'],
  '010': ['GE', 'Genova'],
  '011': ['SP', 'La Spezia'],
  '012': ['VA', 'Varese'],
  '013': ['CO', 'Como'],
  '014': ['SO', 'Sondrio'],
  '015': ['MI', 'Milano'],
  '016': ['BG', 'Bergamo'],
  '017': ['BS', 'Brescia'],
  '018': ['PV', 'Pavia'],
  '019': ['CR', 'Cremona'],
  '020': ['MN', 'Mantova'],
  '021': ['BZ', 'Bolzano'],
  '022': ['TN', 'Trento'],
  '023': ['VR', 'Verona'],
  '024': ['VI', 'Vicenza'],
  '025': ['BL', 'Belluno'],
  '026': ['TV', 'Treviso'],
  '027': ['VE', 'Venezia'],
  '028': ['PD', 'Padova'],
  '029': ['RO', 'Rovigo'],
  '030': ['UD', 'Udine'],
  '031': ['GO', 'Gorizia'],
  '032': ['TS', 'Trieste'],
  '033': ['PC', 'Piacenza'],
  '034': ['PR', 'Parma'],
  '035': ['RE', "Reggio nell'Emilia"],
  '036': ['MO', 'Modena'],
  '037': ['BO', 'Bologna'],
  '038': ['FE', 'Ferrara'],
  '039': ['RA', 'Ravenna'],
  '040': ['FC', 'Forlì-Cesena'],
  '041': ['PU', 'Pesaro e Urbino'],
  '042': ['AN', 'Ancona'],
  '043': ['MC', 'Macerata'],
  '044': ['AP', 'Ascoli Piceno'],
  '045': ['MS', 'Massa-Carrara'],
  '046': ['LU', 'Lucca'],
  '047': ['PT', 'Pistoia'],
  '048': ['FI', 'Firenze'],
  '049': ['LI', 'Livorno'],
  '050': ['PI', 'Pisa'],
  '051': ['AR', 'Arezzo'],
  '052': ['SI', 'Siena'],
  '053': ['GR', 'Grosseto'],
  '054': ['PG', 'Perugia'],
  '055': ['TR', 'Terni'],
  '056': ['VT', 'Viterbo'],
  '057': ['RI', 'Rieti'],
  '058': ['RM', 'Roma'],
  '059': ['LT', 'Latina'],
  '060': ['FR', 'Frosinone'],
  '061': ['CE', 'Caserta'],
  '062': ['BN', 'Benevento'],
  '063': ['NA', 'Napoli'],
  '064': ['AV', 'Avellino'],
  '065': ['SA', 'Salerno'],
  '066': ['AQ', "L'Aquila"],
  '067': ['TE', 'Teramo'],
  '068': ['PE', 'Pescara'],
  '069': ['CH', 'Chieti'],
  '070': ['CB', 'Campobasso'],
  '071': ['FG', 'Foggia'],
  '072': ['BA', 'Bari'],
  '073': ['TA', 'Taranto'],
  '074': ['BR', 'Brindisi'],
  '075': ['LE', 'Lecce'],
  '076': ['PZ', 'Potenza'],
  '077': ['MT', 'Matera'],
  '078': ['CS', 'Cosenza'],
  '079': ['CZ', 'Catanzaro'],
  '080': ['RC', 'Reggio Calabria'],
  '081': ['TP', 'Trapani'],
  '082': ['PA', 'Palermo'],
  '083': ['ME', 'Messina'],
  '084': ['AG', 'Agrigento'],
  '085': ['CL', 'Caltanissetta'],
  '086': ['EN', 'Enna'],
  '087': ['CT', 'Catania'],
  '088': ['RG', 'Ragusa'],
  '089': ['SR', 'Siracusa'],
  '090': ['SS', 'Sassari'],
  '091': ['NU', 'Nuoro'],
  '092': ['CA', 'Cagliari'],
  '093': ['PN', 'Pordenone'],
  '094': ['IS', 'Isernia'],
  '095': ['OR', 'Oristano'],
  '096': ['BI', 'Biella'],
  '097': ['LC', 'Lecco'],
  '098': ['LO', 'Lodi'],
  '099': ['RN', 'Rimini'],
  '100': ['PO', 'Prato'],
  '101': ['KR', 'Crotone'],
  '102': ['VV', 'Vibo Valentia'],
  '103': ['VB', 'Verbano-Cusio-Ossola'],
  '108': ['MB', 'Monza e della Brianza'],
  '109': ['FM', 'Fermo'],
  '110': ['BT', 'Barletta-Andria-Trani'],
  '111': ['SU', 'Sud Sardegna'],
};
const PROVINCE_CODES = Object.keys(PROVINCES);

const PA = 'Pubbliche Amministrazioni';
const GESTORI = 'Gestori di Pubblici Servizi';
const SOCIETA = 'Società in Conto Economico Consolidato';
const ATECO_PA = '84.11.10';

const NOMI = [
  'Marco',
  'Giulia',
  'Luca',
  'Francesca',
  'Giuseppe',
  'Anna',
  'Antonio',
  'Maria',
  'Paolo',
  'Chiara',
];
const NOMI_2 = ['Alessandro', 'Sara', 'Roberto', 'Elena', 'Stefano', 'Laura', 'Andrea', 'Silvia', 'Davide'];
const COGNOMI = ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino'];
const COGNOMI_2 = ['Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo'];
const VIE = ['Via Roma', 'Piazza Municipio', 'Via Garibaldi', 'Corso Vittorio Emanuele II', 'Via Mazzini'];
const VIE_2 = ['Piazza della Repubblica', 'Via XX Settembre', 'Via Cavour', 'Piazza Dante', 'Viale Europa'];
const PREFISSI = ['', '', '', 'San ', 'Santa ', 'Castel ', 'Monte ', 'Borgo ', 'Villa ', 'Rocca ', 'Torre '];
const RADICI = [
  'Albano',
  'Bellaria',
  'Casale',
  'Fontana',
  'Gualdo',
  'Lago',
  'Maroggia',
  'Nerola',
  'Ortignano',
  'Pontida',
  'Quarona',
  'Roveredo',
  'Serravalle',
  'Trebisacce',
  'Urbisaglia',
  'Varallo',
  'Zerba',
  'Acquaviva',
  'Bagnolo',
  'Cerreto',
  'Dorno',
  'Felino',
  'Gavirate',
  'Lerici',
  'Marradi',
  'Nociglia',
  'Orsogna',
  'Pomarance',
  'Riola',
  'Sorisole',
  'Tirano',
  'Vallarsa',
  'Camerota',
  'Bitetto',
  'Fiumara',
  'Grotte',
  'Lauria',
  'Mileto',
  'Noepoli',
  'Ossi',
  'Pula',
  'Sedini',
  'Tula',
  'Ussana',
  'Villagrande',
];
const SUFFISSI = [
  '',
  '',
  '',
  '',
  ' Marittima',
  ' Terme',
  ' al Serio',
  ' di Sopra',
  ' sul Mare',
  ' Superiore',
];
const SUFFISSI_2 = [' Inferiore', ' in Chianti', " d'Asti", ' Vecchio', ' Scalo', ' Calabro', ' Sannita'];

const persona = () => [pick([...NOMI, ...NOMI_2]), pick([...COGNOMI, ...COGNOMI_2])] as const;
const cap = (province: string) => `${String(Number(province) % 98).padStart(2, '0')}${digits(3)}`;
const indirizzo = () => `${pick([...VIE, ...VIE_2])}, ${int(1, 120)}`;
const updated = () =>
  `20${int(22, 25)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
const fiscale = () => `${pick(['0', '8', '9'])}${digits(10)}`;

// ---------------------------------------------------------------- the real ones

/** ISTAT code, cadastral code, CAP, name, fiscal code of comuni whose IPA entry is real. */
const CITTA: readonly (readonly [string, string, string, string, string])[] = [
  ['058091', 'H501', '00186', 'Roma Capitale', '02438750586'],
  ['037006', 'A944', '40124', 'Comune di Bologna', '01232710374'],
  ['015146', 'F205', '20121', 'Comune di Milano', '01199250158'],
  ['063049', 'F839', '80133', 'Comune di Napoli', '80014890638'],
  ['001272', 'L219', '10122', 'Comune di Torino', '00514490010'],
  ['048017', 'D612', '50122', 'Comune di Firenze', '01307110484'],
  ['010025', 'D969', '16124', 'Comune di Genova', '00856930102'],
  ['027042', 'L736', '30124', 'Comune di Venezia', '00339370272'],
  ['082053', 'G273', '90133', 'Comune di Palermo', '80016350821'],
  ['072006', 'A662', '70122', 'Comune di Bari', '80015010723'],
  ['007003', 'A326', '11100', 'Comune di Aosta', '00120680079'],
  ['021008', 'A952', '39100', 'Comune di Bolzano', '00389240219'],
  ['022205', 'L378', '38122', 'Comune di Trento', '00355870221'],
  ['092009', 'B354', '09124', 'Comune di Cagliari', '00147990923'],
  ['032006', 'L424', '34121', 'Comune di Trieste', '00210240321'],
  ['054039', 'G478', '06121', 'Comune di Perugia', '00163570542'],
  ['042002', 'A271', '60121', 'Comune di Ancona', '00351040423'],
  ['066049', 'A345', '67100', "Comune dell'Aquila", '80002270660'],
];

/** The seats of the pilot's comuni. */
const ADDRESSES: Readonly<Record<string, string>> = {
  H501: 'Piazza del Campidoglio, 1',
  A944: 'Piazza Maggiore, 6',
};

function pilot(): Ente[] {
  return [
    {
      Codice_IPA: 'inps',
      Denominazione_ente: 'Istituto Nazionale della Previdenza Sociale',
      Codice_fiscale_ente: '80078750587',
      Tipologia: PA,
      Codice_Categoria: 'C16',
      Codice_natura: '2430',
      Codice_ATECO: '84.30.00',
      Ente_in_liquidazione: 'N',
      Acronimo: 'INPS',
      Titolo_responsabile: 'Presidente',
      Codice_comune_ISTAT: '058091',
      Codice_catastale_comune: 'H501',
      CAP: '00144',
      Indirizzo: 'Via Ciro il Grande, 21',
      Mail1: 'dc.organizzazione@postacert.inps.gov.it',
      Tipo_Mail1: 'Pec',
      Sito_istituzionale: 'www.inps.it',
      Url_facebook: 'https://www.facebook.com/INPSOfficial',
      Url_twitter: 'https://x.com/INPS_it',
      Url_youtube: 'https://www.youtube.com/user/INPSit',
      Data_aggiornamento: '2025-11-04',
    },
    {
      Codice_IPA: 'inail',
      Denominazione_ente: "Istituto Nazionale per l'Assicurazione contro gli Infortuni sul Lavoro",
      Codice_fiscale_ente: '01165400589',
      Tipologia: PA,
      Codice_Categoria: 'C16',
      Codice_natura: '2430',
      Codice_ATECO: '84.30.00',
      Ente_in_liquidazione: 'N',
      Acronimo: 'INAIL',
      Titolo_responsabile: 'Presidente',
      Codice_comune_ISTAT: '058091',
      Codice_catastale_comune: 'H501',
      CAP: '00187',
      Indirizzo: 'Piazzale Giulio Pastore, 6',
      Mail1: 'presidenza@postacert.inail.it',
      Tipo_Mail1: 'Pec',
      Sito_istituzionale: 'www.inail.it',
      Url_linkedin: 'https://www.linkedin.com/company/inail',
      Data_aggiornamento: '2025-09-22',
    },
  ];
}

function comune(
  istat: string,
  catastale: string,
  capCode: string,
  name: string,
  cf: string,
  code?: string,
): Ente {
  const [nome, cognome] = persona();
  const site =
    name === 'Roma Capitale' ? 'comune.roma' : `comune.${slug(name.replace(/^Comune d(i |ell')/, ''))}`;
  return {
    Codice_IPA: code ?? `c_${catastale.toLowerCase()}`,
    Denominazione_ente: name,
    Codice_fiscale_ente: cf,
    Tipologia: PA,
    Codice_Categoria: 'L6',
    Codice_natura: '2430',
    Codice_ATECO: ATECO_PA,
    Ente_in_liquidazione: 'N',
    Codice_ISTAT: istat,
    Nome_responsabile: nome,
    Cognome_responsabile: cognome,
    Titolo_responsabile: 'Sindaco',
    Codice_comune_ISTAT: istat,
    Codice_catastale_comune: catastale,
    CAP: capCode,
    Indirizzo: ADDRESSES[catastale] ?? indirizzo(),
    Mail1: `protocollo@pec.${site}.it`,
    Tipo_Mail1: 'Pec',
    ...(chance(0.4) ? { Mail2: `urp@${site}.it`, Tipo_Mail2: 'Altro' } : {}),
    Sito_istituzionale: chance(0.9) ? `www.${site}.it` : '',
    ...(chance(0.25) ? { Url_facebook: `https://www.facebook.com/${site.replace('.', '')}` } : {}),
    Data_aggiornamento: updated(),
  };
}

// ---------------------------------------------------------------- the synthetic ones

const REGIONI: readonly (readonly [string, string, string])[] = [
  ['r_piemon', 'Regione Piemonte', '001'],
  ['r_vda', "Regione Autonoma Valle d'Aosta", '007'],
  ['r_lombar', 'Regione Lombardia', '015'],
  ['r_taa', 'Regione Autonoma Trentino-Alto Adige/Südtirol', '022'],
  ['r_veneto', 'Regione del Veneto', '027'],
  ['r_friuve', 'Regione Autonoma Friuli Venezia Giulia', '032'],
  ['r_liguri', 'Regione Liguria', '010'],
  ['r_emiro', 'Regione Emilia-Romagna', '037'],
  ['r_toscan', 'Regione Toscana', '048'],
  ['r_umbria', 'Regione Umbria', '054'],
  ['r_marche', 'Regione Marche', '042'],
  ['r_lazio', 'Regione Lazio', '058'],
  ['r_abruzz', 'Regione Abruzzo', '066'],
  ['r_molise', 'Regione Molise', '070'],
  ['r_campan', 'Regione Campania', '063'],
  ['r_puglia', 'Regione Puglia', '072'],
  ['r_basili', 'Regione Basilicata', '076'],
  ['r_calabr', 'Regione Calabria', '079'],
  ['r_sicili', 'Regione Siciliana', '082'],
  ['r_sardeg', 'Regione Autonoma della Sardegna', '092'],
];

/** The comuni already written, by province: schools and ASL sit in one of them. */
const comuniOf = new Map<string, { istat: string; catastale: string; name: string }[]>();
const usedCatastali = new Set<string>();
const usedNames = new Set<string>();
const usedMiur = new Set<string>();

function nuovoComune(province: string, n: number): Ente {
  let catastale: string;
  do catastale = `${pick('ABCDEFGHILM'.split(''))}${digits(3)}`;
  while (usedCatastali.has(catastale));
  usedCatastali.add(catastale);
  let name: string;
  do name = `${pick(PREFISSI)}${pick(RADICI)}${pick(chance(0.2) ? SUFFISSI_2 : SUFFISSI)}`;
  while (usedNames.has(name));
  usedNames.add(name);
  const istat = `${province}${String(n).padStart(3, '0')}`;
  const list = comuniOf.get(province) ?? [];
  list.push({ istat, catastale, name });
  comuniOf.set(province, list);
  const ente = comune(istat, catastale, cap(province), `Comune di ${name}`, fiscale());
  // Some entries come with the code upper-cased, as some enti typed it.
  if (chance(0.03)) ente.Codice_IPA = ente.Codice_IPA!.toUpperCase();
  if (chance(0.08)) delete ente.Codice_fiscale_ente;
  return ente;
}

function sedeIn(province: string) {
  const list = comuniOf.get(province);
  return list && list.length > 0 ? pick(list) : undefined;
}

function ente(fields: Ente, province: string): Ente {
  const sede = sedeIn(province);
  const [nome, cognome] = persona();
  return {
    Tipologia: PA,
    Codice_natura: pick(['2430', '2420', '2440']),
    Codice_ATECO: ATECO_PA,
    Ente_in_liquidazione: 'N',
    Nome_responsabile: nome,
    Cognome_responsabile: cognome,
    Codice_fiscale_ente: fiscale(),
    Codice_comune_ISTAT: sede?.istat ?? '',
    Codice_catastale_comune: sede?.catastale ?? '',
    CAP: cap(province),
    Indirizzo: indirizzo(),
    Tipo_Mail1: 'Pec',
    Data_aggiornamento: updated(),
    ...fields,
  };
}

function scuola(province: string): Ente {
  const [sigla] = PROVINCES[province]!;
  const kind = pick([
    ['IC', 'Istituto Comprensivo'],
    ['IC', 'Istituto Comprensivo'],
    ['IS', "Istituto d'Istruzione Superiore"],
    ['PS', 'Liceo Scientifico'],
    ['PC', 'Liceo Classico'],
    ['TD', 'Istituto Tecnico Economico'],
    ['EE', 'Direzione Didattica'],
  ] as const);
  const letter = () => pick('ABCDEFGHLMNPRST'.split(''));
  let miur: string;
  do
    miur = `${sigla}${kind[0]}${digits(1)}${letter()}${letter()}${digits(2)}${pick('0123456789X'.split(''))}`;
  while (usedMiur.has(miur));
  usedMiur.add(miur);
  const sede = sedeIn(province);
  const titolo = pick([
    'Giuseppe Verdi',
    'Dante Alighieri',
    'Maria Montessori',
    'Galileo Galilei',
    'Via Roma',
  ]);
  const name =
    sede === undefined || chance(0.5)
      ? `${kind[1]} "${titolo}"`
      : `${kind[1]} "${titolo}" di ${sede.name}${chance(0.3) ? `, ${sigla}` : ''}`;
  return ente(
    {
      Codice_IPA: `istsc_${miur.toLowerCase()}`,
      Denominazione_ente: name,
      Codice_Categoria: 'L33',
      Codice_ATECO: '85.31.10',
      Codice_MIUR: miur,
      Titolo_responsabile: 'Dirigente Scolastico',
      Mail1: `${miur.toLowerCase()}@pec.istruzione.it`,
      Mail2: `${miur.toLowerCase()}@istruzione.it`,
      Tipo_Mail2: 'Altro',
      Sito_istituzionale: chance(0.7) ? `www.${slug(titolo)}${miur.slice(-4).toLowerCase()}.edu.it` : '',
    },
    province,
  );
}

const UNIVERSITA: readonly (readonly [string, string, string])[] = [
  ['uniroma1', 'Sapienza Università di Roma', '058'],
  ['unibo', 'Alma Mater Studiorum - Università di Bologna', '037'],
  ['unimi', 'Università degli Studi di Milano', '015'],
  ['polimi', 'Politecnico di Milano', '015'],
  ['unina', 'Università degli Studi di Napoli Federico II', '063'],
  ['unipd', 'Università degli Studi di Padova', '028'],
  ['unito', 'Università degli Studi di Torino', '001'],
  ['polito', 'Politecnico di Torino', '001'],
  ['unifi', 'Università degli Studi di Firenze', '048'],
  ['unipi', 'Università di Pisa', '050'],
  ['unipa', 'Università degli Studi di Palermo', '082'],
  ['uniba', 'Università degli Studi di Bari Aldo Moro', '072'],
  ['unica', 'Università degli Studi di Cagliari', '092'],
  ['unitn', 'Università degli Studi di Trento', '022'],
  ['unibz', 'Libera Università di Bolzano', '021'],
  ['univda', "Università della Valle d'Aosta", '007'],
];

const CENTRALI: readonly (readonly [string, string, string, string])[] = [
  ['pcm', 'Presidenza del Consiglio dei Ministri', 'C10', 'PCM'],
  ['m_it', "Ministero dell'Interno", 'C10', ''],
  ['m_ef', "Ministero dell'Economia e delle Finanze", 'C10', 'MEF'],
  ['m_lps', 'Ministero del Lavoro e delle Politiche Sociali', 'C10', ''],
  ['m_pi', "Ministero dell'Istruzione e del Merito", 'C10', 'MIM'],
  ['agid', "Agenzia per l'Italia Digitale", 'C5', 'AGID'],
  ['age', 'Agenzia delle Entrate', 'C5', ''],
  ['istat', 'Istituto Nazionale di Statistica', 'C8', 'ISTAT'],
  ['aci', "Automobile Club d'Italia", 'C11', 'ACI'],
];

function rows(): Ente[] {
  random = prng(SEED);
  comuniOf.clear();
  usedNames.clear();
  usedMiur.clear();
  usedCatastali.clear();
  for (const [, catastale] of CITTA) usedCatastali.add(catastale);
  const out: Ente[] = [...pilot()];
  for (const [istat, catastale, capCode, name, cf] of CITTA) {
    const c = comune(istat, catastale, capCode, name, cf, catastale === 'F205' ? 'C_F205' : undefined);
    comuniOf.set(istat.slice(0, 3), [
      ...(comuniOf.get(istat.slice(0, 3)) ?? []),
      { istat, catastale, name: name.replace(/^Comune d(i |ell')/, '') },
    ]);
    out.push(c);
  }
  // comuni, in every province, then the rest of the public sector around them
  for (const province of PROVINCE_CODES) {
    const n = province === '058' || province === '015' ? 40 : int(8, 22);
    for (let i = 1; i <= n; i++) out.push(nuovoComune(province, 300 + i));
  }
  for (const [code, name, province] of REGIONI) {
    const sede = sedeIn(province)!;
    out.push(
      ente(
        {
          Codice_IPA: code,
          Denominazione_ente: name,
          Codice_Categoria: 'L4',
          Titolo_responsabile: 'Presidente',
          Codice_comune_ISTAT: sede.istat,
          Codice_catastale_comune: sede.catastale,
          Mail1: `protocollo@pec.${code.slice(2)}.regione.it`,
          Sito_istituzionale: `www.regione.${slug(name.replace(/^Regione (Autonoma )?(del(la)? )?/, ''))}.it`,
        },
        province,
      ),
    );
  }
  for (const province of PROVINCE_CODES) {
    const [sigla, name] = PROVINCES[province]!;
    if (province === '007' || province === '021' || province === '022') continue;
    const metropolitana = [
      '001',
      '010',
      '015',
      '027',
      '037',
      '048',
      '058',
      '063',
      '072',
      '080',
      '082',
      '083',
      '087',
      '092',
    ].includes(province);
    out.push(
      ente(
        {
          Codice_IPA: metropolitana ? `cm_${sigla.toLowerCase()}` : `p_${sigla.toLowerCase()}`,
          Denominazione_ente: metropolitana ? `Città Metropolitana di ${name}` : `Provincia di ${name}`,
          Codice_Categoria: metropolitana ? 'L45' : 'L5',
          Titolo_responsabile: metropolitana ? 'Sindaco Metropolitano' : 'Presidente',
          Mail1: `protocollo@pec.provincia.${slug(name)}.it`,
          Sito_istituzionale: chance(0.85) ? `www.provincia.${slug(name)}.it` : '',
        },
        province,
      ),
    );
  }
  for (const [code, name] of [
    ['p_bz', 'Provincia Autonoma di Bolzano - Alto Adige'],
    ['p_tn', 'Provincia Autonoma di Trento'],
  ] as const)
    out.push(
      ente(
        {
          Codice_IPA: code,
          Denominazione_ente: name,
          Codice_Categoria: 'L4',
          Titolo_responsabile: 'Presidente',
          Mail1: `${code}@pec.provincia.it`,
          Sito_istituzionale: `www.provincia.${code === 'p_bz' ? 'bz' : 'tn'}.it`,
        },
        code === 'p_bz' ? '021' : '022',
      ),
    );
  for (const province of PROVINCE_CODES) {
    const [sigla, name] = PROVINCES[province]!;
    const asl = int(1, province === '058' ? 6 : 2);
    for (let i = 1; i <= asl; i++)
      out.push(
        ente(
          {
            Codice_IPA: `asl_${sigla.toLowerCase()}${asl > 1 ? i : ''}`,
            Denominazione_ente: `Azienda Sanitaria Locale ${name}${asl > 1 ? ` ${i}` : ''}`,
            Codice_Categoria: 'L7',
            Titolo_responsabile: 'Direttore Generale',
            Mail1: `protocollo@pec.asl${sigla.toLowerCase()}${asl > 1 ? i : ''}.it`,
            Sito_istituzionale: chance(0.8) ? `www.asl${sigla.toLowerCase()}${asl > 1 ? i : ''}.it` : '',
          },
          province,
        ),
      );
    if (chance(0.5))
      out.push(
        ente(
          {
            Codice_IPA: `ao_${sigla.toLowerCase()}`,
            Denominazione_ente: `Azienda Ospedaliera di ${name}, Presidio "San ${pick(['Giovanni', 'Camillo', 'Carlo', 'Paolo'])}"`,
            Codice_Categoria: 'L8',
            Titolo_responsabile: 'Direttore Generale',
            Mail1: `protocollo@pec.ao${sigla.toLowerCase()}.it`,
          },
          province,
        ),
      );
  }
  for (const [code, name, province] of UNIVERSITA)
    out.push(
      ente(
        {
          Codice_IPA: code,
          Denominazione_ente: name,
          Codice_Categoria: 'L17',
          Codice_ATECO: '85.42.00',
          Titolo_responsabile: 'Rettore',
          Mail1: `protocollo@pec.${code}.it`,
          Sito_istituzionale: `www.${code}.it`,
        },
        province,
      ),
    );
  for (const [code, name, category, acronym] of CENTRALI)
    out.push(
      ente(
        {
          Codice_IPA: code,
          Denominazione_ente: name,
          Codice_Categoria: category,
          Acronimo: acronym,
          Titolo_responsabile: pick(['Ministro', 'Direttore Generale', 'Presidente']),
          Mail1: `${code.replace('_', '')}@pec.gov.it`,
          Sito_istituzionale: `www.${code.replace('_', '')}.gov.it`,
        },
        '058',
      ),
    );
  // gestori di pubblici servizi and società partecipate: the other Tipologie of the register
  for (let i = 0; i < 120; i++) {
    const province = pick(PROVINCE_CODES);
    const [sigla, name] = PROVINCES[province]!;
    const [what, tipologia, category] = pick([
      ['Azienda Trasporti', GESTORI, 'L37'],
      ['Servizi Idrici', GESTORI, 'L37'],
      ['Igiene Urbana', GESTORI, 'L37'],
      ['Farmacie Comunali', SOCIETA, 'S01'],
      ['Multiservizi', SOCIETA, 'S01'],
    ] as const);
    const code = `${slug(what).slice(0, 5)}_${sigla.toLowerCase()}${i}`;
    out.push(
      ente(
        {
          Codice_IPA: code,
          Denominazione_ente: `${what} ${name} S.p.A.`,
          Tipologia: tipologia,
          Codice_Categoria: category,
          Codice_natura: '1610',
          Codice_ATECO: '',
          Ente_in_liquidazione: chance(0.05) ? 'S' : 'N',
          Titolo_responsabile: 'Amministratore Unico',
          Mail1: `${code}@legalmail.it`,
          Sito_istituzionale: chance(0.6) ? `www.${code.replace('_', '')}.it` : '',
        },
        province,
      ),
    );
  }
  // the schools make up the bulk, as in the real register
  while (out.length < 3_000) out.push(scuola(pick(PROVINCE_CODES)));
  const codes = new Set(out.map((e) => e.Codice_IPA!.toLowerCase()));
  if (codes.size !== out.length) throw new Error('Two enti of the fixture share an IPA code');
  return out;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The fixture's text: a BOM, the header, one CRLF-terminated line per ente. */
export function fixtureCsv(): string {
  const lines = [HEADER.join(',')];
  rows().forEach((e, i) =>
    lines.push(HEADER.map((h) => csvField(h === '_id' ? String(i + 1) : (e[h] ?? ''))).join(',')),
  );
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const text = fixtureCsv();
  writeFileSync(OUT, text);
  console.log(`${OUT}: ${text.split('\r\n').length - 2} enti, ${Buffer.byteLength(text)} bytes`);
}
