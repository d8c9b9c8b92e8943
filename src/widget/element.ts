import type { Context, Questionnaire } from './context.js';
import { localized } from './context.js';
import { modal } from './dialog.js';
import { h, uniquePrefix } from './dom.js';
import { languageOf, TEXTS } from './messages.js';
import { renderDesignersItalia } from './render-designers-italia.js';
import { renderNational } from './render-national.js';
import { adoptOnDocument, SHADOW_CSS, sheet } from './styles.js';
import { countOpening, loadQuestionnaire } from './submit.js';

const CHANNELS = ['web', 'app', 'email', 'qr', 'contact-center'];

/** Designers Italia families render their standard markup in the light DOM (AgID's validator reads it). */
export const isDesignersItalia = (family: string) => family.startsWith('di-');

/**
 * `<valuta-feedback service="slug" mode="button|inline" lang="it|en|de" token="…" channel="web">`:
 * the questionnaire of a service, behind a button that opens a dialog or in place.
 */
export function defineElement(scriptOrigin: string | undefined): CustomElementConstructor {
  return class ValutaFeedback extends HTMLElement {
    private started = false;

    connectedCallback(): void {
      if (this.started) return;
      this.started = true;
      void this.start();
    }

    private async start(): Promise<void> {
      const slug = this.getAttribute('service');
      const platform = (scriptOrigin ?? this.getAttribute('platform') ?? '').replace(/\/$/, '');
      if (!slug || !platform) return;
      const lang = languageOf(this);
      const texts = TEXTS[lang];
      const channel = CHANNELS.find((c) => c === this.getAttribute('channel')) ?? 'web';
      let questionnaire: Questionnaire;
      try {
        questionnaire = await loadQuestionnaire<Questionnaire>(platform, slug);
      } catch {
        this.mount(false, h('p', { lang }, texts.unavailable));
        return;
      }
      const di = isDesignersItalia(questionnaire.family);
      const ctx: Context = {
        platform,
        slug,
        lang,
        texts,
        channel,
        token: this.getAttribute('token'),
        questionnaire,
        prefix: uniquePrefix(),
        shown: () => countOpening(platform, slug, channel),
      };
      const content = di ? renderDesignersItalia(ctx) : renderNational(ctx);
      // Designers Italia blocks sit in the page by default, where the validator expects them.
      const mode = this.getAttribute('mode') ?? (di ? 'inline' : 'button');
      if (mode === 'inline') {
        this.mount(di, h('div', { lang }, content));
        ctx.shown();
        return;
      }
      const title = localized(questionnaire.title, lang);
      this.mount(
        di,
        h(
          'div',
          { lang },
          modal({ label: title, title, close: texts.close, idPrefix: ctx.prefix }, content, ctx.shown),
        ),
      );
    }

    /** Light DOM with the scoped document sheet, or a shadow root with its own sheet. */
    private mount(light: boolean, node: HTMLElement): void {
      if (light) {
        adoptOnDocument();
        this.replaceChildren(node);
        return;
      }
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [sheet(SHADOW_CSS)];
      root.replaceChildren(node);
    }
  };
}
