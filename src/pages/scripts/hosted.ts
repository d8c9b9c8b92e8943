import { holds } from '../../domain/conditions.js';
import { isBlank, ITEM_TYPE_SPECS } from '../../domain/item-types.js';
import type { Condition, ItemType } from '../../domain/questionnaire.js';

/**
 * Progressive enhancement of the hosted questionnaire. A refused submission comes back with the
 * error summary first (role=alert, tabindex=-1): this moves the focus to it on load, so that a
 * screen reader reads it at once and the keyboard goes on from its links, as in the widget.
 * The server puts every item in the page, those not asked yet hidden and disabled; this shows
 * each follow-up as soon as the answers open it (and hides it again, disabled so nothing of it
 * is sent, when they no longer do), so no second step is needed. The `inline` field tells the
 * server that the page did this.
 */
// Once, as the page loads: a page restored from the history keeps the focus where it was left.
document.querySelector<HTMLElement>('.error-summary')?.focus();

const form = document.querySelector<HTMLFormElement>('form[data-questionnaire]');
if (form) {
  const items = [...form.querySelectorAll<HTMLElement>('[data-item]')];
  const live = document.getElementById('questions-added');
  const inline = form.querySelector<HTMLInputElement>('input[name="inline"]');
  if (inline) inline.disabled = false;

  const update = () => {
    const answers: Record<string, unknown> = {};
    const added: string[] = [];
    // In page order, so a follow-up's condition sees only the answers still asked.
    for (const item of items) {
      const condition = item.dataset.showWhen ? (JSON.parse(item.dataset.showWhen) as Condition) : undefined;
      const show = holds(condition, answers);
      if (show && item.hidden) added.push(item.querySelector('legend, label')?.textContent ?? '');
      item.hidden = !show;
      const controls = [...item.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')];
      for (const control of controls) control.disabled = !show;
      if (!show) continue;
      const given = controls.filter((c) => !(c instanceof HTMLInputElement) || c.checked).map((c) => c.value);
      const value = ITEM_TYPE_SPECS[item.dataset.type as ItemType].fromForm(given);
      if (!isBlank(value)) answers[item.dataset.item as string] = value;
    }
    if (live && added.length > 0) live.textContent = `${live.dataset.text} ${added.join(' ')}`;
  };
  form.addEventListener('change', update);
  // A page restored from the history keeps the answers given: show what they open.
  addEventListener('pageshow', update);
  update();
}
