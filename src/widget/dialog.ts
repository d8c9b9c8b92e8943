import { activeIn, h } from './dom.js';

const FOCUSABLE = 'button, a[href], input, textarea, select, [tabindex]:not([tabindex="-1"])';

/**
 * A button that opens `content` in a modal dialog (native <dialog>: top layer, background
 * inert). Tab and Shift+Tab cycle inside it, Esc closes it, and the focus returns to the button.
 */
export function modal(
  options: {
    readonly label: string;
    readonly title: string;
    readonly close: string;
    readonly idPrefix: string;
  },
  content: HTMLElement,
  onFirstOpen: () => void,
): HTMLElement {
  const titleId = `${options.idPrefix}-dialog-title`;
  const opener = h(
    'button',
    { type: 'button', class: 'vf-btn vf-open', 'aria-haspopup': 'dialog' },
    options.label,
  );
  const close = h('button', { type: 'button', class: 'vf-close' }, h('span', { 'aria-hidden': 'true' }, '×'));
  close.setAttribute('aria-label', options.close);
  const dialog = h(
    'dialog',
    { class: 'vf-dialog', 'aria-labelledby': titleId, 'aria-modal': 'true' },
    h('div', { class: 'vf-head' }, h('h2', { id: titleId }, options.title), close),
    h('div', { class: 'vf-body' }, content),
  );

  let opened = false;
  opener.addEventListener('click', () => {
    dialog.showModal();
    if (!opened) onFirstOpen();
    opened = true;
    const first = content.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? close).focus();
  });
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => opener.focus());
  // A click on the backdrop (outside the dialog's box) closes it, as Esc does.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) {
      const box = dialog.getBoundingClientRect();
      const inside =
        event.clientX >= box.left &&
        event.clientX <= box.right &&
        event.clientY >= box.top &&
        event.clientY <= box.bottom;
      if (!inside) dialog.close();
    }
  });
  dialog.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    const stops = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => el.tabIndex >= 0 && !el.closest('[hidden]') && el.getClientRects().length > 0,
    );
    const active = activeIn(dialog);
    const first = stops[0];
    const last = stops[stops.length - 1];
    if (!first || !last) return;
    // A radio group is one Tab stop: compare groups, not buttons.
    const sameStop = (a: Element | null, b: HTMLElement) =>
      a === b ||
      (a instanceof HTMLInputElement &&
        a.type === 'radio' &&
        b instanceof HTMLInputElement &&
        a.name === b.name);
    if (event.shiftKey && sameStop(active, first)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && sameStop(active, last)) {
      event.preventDefault();
      first.focus();
    }
  });
  return h('div', { class: 'vf-modal' }, opener, dialog);
}
