import type { ServiceKind } from '../domain/service.js';

/** How respondents of a demo service tend to answer: share of each satisfaction level 1..4. */
export interface DemoProfile {
  readonly satisfaction: readonly [number, number, number, number];
  /** Relative volume of responses. */
  readonly volume: number;
  readonly channels: Readonly<Partial<Record<'web' | 'app' | 'email' | 'qr' | 'contact-center', number>>>;
}

export interface DemoService {
  readonly slug: string;
  readonly name: string;
  readonly url: string;
  readonly kind: ServiceKind;
  readonly family: string;
  readonly profile: DemoProfile;
}

export interface DemoEnte {
  readonly ipaCode: string;
  readonly name: string;
  readonly kind: string;
  /** The ente's site: where its pages embed the widget from. */
  readonly allowedOrigins: readonly string[];
  readonly services: readonly DemoService[];
}

/**
 * The pilot: INAIL, INPS and Roma Capitale with their seven services, and a comune on the
 * Designers Italia model (Bologna) with one service and one information page.
 */
export const PILOT: readonly DemoEnte[] = [
  {
    ipaCode: 'inail',
    name: 'INAIL',
    kind: 'Enti Nazionali di Previdenza ed Assistenza Sociale',
    allowedOrigins: ['https://www.inail.it'],
    services: [
      {
        slug: 'inail-sportello-digitale',
        name: 'Sportello Digitale',
        url: 'https://www.inail.it/portale/it/servizi/sportello-digitale.html',
        kind: 'dispositivo',
        family: 'cx-dispositivo',
        profile: {
          satisfaction: [0.08, 0.17, 0.47, 0.28],
          volume: 1.2,
          channels: { web: 0.93, email: 0.07 },
        },
      },
      {
        slug: 'inail-civa',
        name: 'CIVA – Certificazione e verifica impianti e apparecchi',
        url: 'https://www.inail.it/portale/it/servizi/civa.html',
        kind: 'dispositivo',
        family: 'cx-dispositivo',
        profile: { satisfaction: [0.14, 0.24, 0.42, 0.2], volume: 0.6, channels: { web: 0.9, email: 0.1 } },
      },
    ],
  },
  {
    ipaCode: 'inps',
    name: 'INPS',
    kind: 'Enti Nazionali di Previdenza ed Assistenza Sociale',
    allowedOrigins: ['https://www.inps.it', 'https://servizi2.inps.it'],
    services: [
      {
        slug: 'inps-hub-prestazioni',
        name: 'Hub delle prestazioni non pensionistiche',
        url: 'https://www.inps.it/it/it/dati-e-bilanci/hub-prestazioni.html',
        kind: 'dispositivo',
        family: 'cx-dispositivo',
        profile: {
          satisfaction: [0.11, 0.19, 0.44, 0.26],
          volume: 2.4,
          channels: { web: 0.7, app: 0.27, 'contact-center': 0.03 },
        },
      },
      {
        slug: 'inps-cruscotto-cig',
        name: 'Cruscotto CIG e Fondi',
        url: 'https://www.inps.it/it/it/dati-e-bilanci/cruscotto-cig.html',
        kind: 'consultazione',
        family: 'cx-consultazione',
        profile: { satisfaction: [0.06, 0.14, 0.5, 0.3], volume: 1.0, channels: { web: 0.85, app: 0.15 } },
      },
    ],
  },
  {
    ipaCode: 'c_h501',
    name: 'Roma Capitale',
    kind: 'Comuni e loro Consorzi e Associazioni',
    allowedOrigins: ['https://www.comune.roma.it'],
    services: [
      {
        slug: 'roma-gebac-bando-casa',
        name: 'GEBAC 2012 – Bando casa',
        url: 'https://www.comune.roma.it/web/it/scheda-servizi.page?contentId=INF64405',
        kind: 'dispositivo',
        family: 'cx-dispositivo',
        profile: { satisfaction: [0.2, 0.26, 0.37, 0.17], volume: 0.5, channels: { web: 0.8, qr: 0.2 } },
      },
      {
        slug: 'roma-gecoa-contributo-affitto',
        name: 'GECOA 2012 – Contributo affitto',
        url: 'https://www.comune.roma.it/web/it/scheda-servizi.page?contentId=INF64406',
        kind: 'dispositivo',
        family: 'cx-dispositivo',
        profile: { satisfaction: [0.17, 0.25, 0.39, 0.19], volume: 0.5, channels: { web: 0.82, qr: 0.18 } },
      },
      {
        slug: 'roma-cambio-residenza',
        name: 'Cambio di residenza/abitazione online',
        url: 'https://www.comune.roma.it/web/it/scheda-servizi.page?contentId=INF43476',
        kind: 'dispositivo',
        family: 'cx-dispositivo',
        profile: {
          satisfaction: [0.09, 0.16, 0.45, 0.3],
          volume: 1.3,
          channels: { web: 0.75, qr: 0.2, email: 0.05 },
        },
      },
    ],
  },
  {
    ipaCode: 'c_a944',
    name: 'Comune di Bologna',
    kind: 'Comuni e loro Consorzi e Associazioni',
    allowedOrigins: ['https://www.comune.bologna.it'],
    services: [
      {
        slug: 'bologna-permesso-ztl',
        name: 'Richiesta del permesso di transito nella ZTL',
        url: 'https://www.comune.bologna.it/servizi-informazioni/permesso-transito-ztl',
        kind: 'dispositivo',
        family: 'di-valutazione-servizio',
        profile: { satisfaction: [0.1, 0.2, 0.43, 0.27], volume: 0.7, channels: { web: 0.9, app: 0.1 } },
      },
      {
        slug: 'bologna-carta-identita',
        name: "Carta d'identità elettronica",
        url: 'https://www.comune.bologna.it/servizi-informazioni/carta-identita-elettronica',
        kind: 'consultazione',
        family: 'di-chiarezza-pagina',
        profile: { satisfaction: [0.07, 0.15, 0.48, 0.3], volume: 0.8, channels: { web: 0.85, qr: 0.15 } },
      },
    ],
  },
];
