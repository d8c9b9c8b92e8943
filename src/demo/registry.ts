/**
 * A few rows of the IndicePA registry for the demo: the pilot enti, and enti that have not joined
 * yet, so that a request to join can be tried. A real installation imports the whole export
 * (valuta enti import).
 */
import type { IpaRow } from '../store/ipa-registry.js';

const PA = 'Pubbliche Amministrazioni';
const row = (
  ipaCode: string,
  name: string,
  category: string,
  istatComune: string,
  website: string,
): IpaRow => ({
  ipaCode,
  name,
  fiscalCode: null,
  kind: PA,
  category,
  istatComune,
  website,
  email: null,
});

export const DEMO_REGISTRY: readonly IpaRow[] = [
  row(
    'inail',
    "Istituto Nazionale per l'Assicurazione contro gli Infortuni sul Lavoro",
    'C16',
    '058091',
    'www.inail.it',
  ),
  row('inps', 'Istituto Nazionale della Previdenza Sociale', 'C16', '058091', 'www.inps.it'),
  row('c_h501', 'Roma Capitale', 'L6', '058091', 'www.comune.roma.it'),
  row('c_a944', 'Comune di Bologna', 'L6', '037006', 'www.comune.bologna.it'),
  row('c_f205', 'Comune di Milano', 'L6', '015146', 'www.comune.milano.it'),
  row('c_f839', 'Comune di Napoli', 'L6', '063049', 'www.comune.napoli.it'),
  row('c_l219', 'Comune di Torino', 'L6', '001272', 'www.comune.torino.it'),
  row('r_lazio', 'Regione Lazio', 'L4', '058091', 'www.regione.lazio.it'),
];
