import { holds } from '../domain/conditions.js';
import type { AnswerValue, Item, RatingItem, SingleItem } from '../domain/questionnaire.js';
import { busy, finalText, finish, honeypot, localized, submitAnswers, type Context } from './context.js';
import { h, srOnly } from './dom.js';

/**
 * The Designers Italia rating block (municipal site model), in the page's light DOM with the
 * `data-element` markup AgID's validator looks for: the title, five stars, a negative (1–3) or
 * positive (4–5) follow-up with five answers, and a free-text field.
 */
export function renderDesignersItalia(ctx: Context): HTMLElement {
  const { questionnaire, lang, texts, prefix } = ctx;
  const items = questionnaire.items;
  const rating = items.find((i): i is RatingItem => i.type === 'rating')!;
  const followUps = items.filter((i): i is SingleItem => i.type === 'single');
  const details = items.find((i) => i.type === 'text');

  const titleId = `${prefix}-title`;
  const errorId = `${prefix}-rating-error`;
  const stars = rating.points.map((point, i) => {
    const input = h('input', {
      type: 'radio',
      class: 'vf-sr',
      id: `${prefix}-rate-${point.value}`,
      name: rating.code,
      value: point.value,
    });
    const label = h(
      'label',
      { for: input.id, class: 'vf-rate', 'data-element': `feedback-rate-${point.value}` },
      h('span', { 'aria-hidden': 'true' }, '★'),
      srOnly(localized(point.label, lang)),
    );
    return { input, label, value: i + 1 };
  });
  const ratingError = h('p', { class: 'vf-error', id: errorId, hidden: true });
  const starGroup = h(
    'fieldset',
    { class: 'vf-stars' },
    h('legend', { class: 'vf-sr' }, texts.starsLegend),
    ...stars.flatMap((s) => [s.input, s.label]),
  );

  // Which block a follow-up belongs to, from its condition: shown for the lowest rating → negative.
  const blocks = followUps.map((item) => {
    const negative = holds(item.showWhen, { [rating.code]: rating.points[0]!.value });
    const block = h(
      'fieldset',
      {
        class: 'vf-block',
        'data-element': `feedback-rating-${negative ? 'negative' : 'positive'}`,
        hidden: true,
      },
      h('legend', { 'data-element': 'feedback-rating-question' }, localized(item.question, lang)),
      ...item.options.map((option, i) => {
        const id = `${prefix}-${item.code}-${i + 1}`;
        return h(
          'div',
          { class: 'vf-choice', 'data-element': 'feedback-rating-answer' },
          h('input', { type: 'radio', id, name: item.code, value: option.value }),
          h('label', { for: id }, localized(option.label, lang)),
        );
      }),
    );
    return { item, block };
  });

  const text = details && detailsField(ctx, details);
  const trap = honeypot(ctx);
  const button = h('button', { type: 'submit', class: 'vf-btn' }, texts.send);
  const form = h(
    'form',
    { class: 'vf-form', novalidate: true, 'aria-labelledby': titleId },
    starGroup,
    ratingError,
    ...blocks.map((b) => b.block),
    text?.root,
    trap.root,
    button,
  );
  const status = h('div', { class: 'vf-status', role: 'status', tabindex: -1 });

  const answers = () => {
    const data = new FormData(form);
    const given: Record<string, AnswerValue> = {};
    for (const item of items) {
      if (!holds(item.showWhen, given)) continue;
      const raw = String(data.get(item.code) ?? '').trim();
      if (raw) given[item.code] = item.type === 'rating' ? Number(raw) : raw;
    }
    return given;
  };
  const showRatingError = (show: boolean) => {
    ratingError.replaceChildren(srOnly(`${texts.errorPrefix} `), texts.chooseStars);
    ratingError.hidden = !show;
    if (show) starGroup.setAttribute('aria-describedby', errorId);
    else starGroup.removeAttribute('aria-describedby');
  };
  form.addEventListener('change', () => {
    const given = answers();
    const value = Number(given[rating.code] ?? 0);
    for (const s of stars) s.label.classList.toggle('vf-on', s.value <= value);
    for (const { item, block } of blocks) block.hidden = !holds(item.showWhen, given);
    if (value > 0) showRatingError(false);
  });

  let sending = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return;
    const given = answers();
    if (!(rating.code in given)) {
      showRatingError(true);
      stars[0]!.input.focus();
      return;
    }
    sending = true;
    const idle = busy(button, texts.sending);
    const outcome = await submitAnswers(ctx, given, trap.input.value);
    idle();
    sending = false;
    if (outcome.kind === 'invalid') {
      ratingError.replaceChildren(srOnly(`${texts.errorPrefix} `), texts.fallbackError);
      ratingError.hidden = false;
      ratingError.setAttribute('role', 'alert');
    } else finish(form, status, finalText(ctx, outcome), outcome.kind === 'stored');
  });

  return h(
    'div',
    { class: 'vf-di', 'data-element': 'feedback', lang },
    h(
      'h2',
      { class: 'vf-title', id: titleId, 'data-element': 'feedback-title' },
      localized(rating.question, lang),
    ),
    form,
    status,
  );
}

function detailsField(ctx: Context, item: Item & { type: 'text' }) {
  const id = `${ctx.prefix}-${item.code}`;
  const hintText = [item.hint && localized(item.hint, ctx.lang), ctx.texts.maxChars(item.maxLength)]
    .filter(Boolean)
    .join(' ');
  const root = h(
    'div',
    { class: 'vf-field' },
    h('label', { for: id }, localized(item.question, ctx.lang)),
    h('p', { class: 'vf-hint', id: `${id}-hint` }, hintText),
    h('input', {
      type: 'text',
      id,
      name: item.code,
      maxlength: item.maxLength,
      autocomplete: 'off',
      'aria-describedby': `${id}-hint`,
      'data-element': 'feedback-input-text',
    }),
  );
  return { root };
}
