import { defineElement } from './element.js';
import { sendPending } from './submit.js';

/**
 * The embeddable widget (bundled as an IIFE: it defines `<valuta-feedback>` and nothing else
 * global). The platform is where this script came from; a second copy on the page does nothing.
 */
if (!customElements.get('valuta-feedback')) {
  const src = (document.currentScript as HTMLScriptElement | null)?.src;
  const origin = src ? new URL(src).origin : undefined;
  customElements.define('valuta-feedback', defineElement(origin));
  const platform = origin ?? document.querySelector('valuta-feedback[platform]')?.getAttribute('platform');
  if (platform) void sendPending(platform.replace(/\/$/, ''));
}
