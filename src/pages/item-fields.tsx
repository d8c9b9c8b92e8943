import type { ReactElement, ReactNode } from 'react';
import {
  localize,
  type ChoiceOption,
  type Item,
  type ItemType,
  type Lang,
  type ScalePoint,
} from '../domain/questionnaire.js';
import { messagesFor } from './messages.js';

interface FieldProps<I extends Item> {
  readonly item: I;
  readonly lang: Lang;
  /** The answer given so far: a form value, or a list of them for multiple choice. */
  readonly value: unknown;
  readonly error: string | undefined;
  /**
   * Not asked given the answers so far: rendered hidden, with its controls disabled so that
   * nothing of it is sent; the page's script shows it when the answers come to open it.
   */
  readonly hidden: boolean;
}

/** Id of an item's first control: where the error summary links to. */
export const firstControlId = (item: Item) => `${item.code}-1`;

/** What the page's script reads: the item's code, type and, for a follow-up, its condition. */
const dataOf = (item: Item) => ({
  'data-item': item.code,
  'data-type': item.type,
  ...(item.showWhen ? { 'data-show-when': JSON.stringify(item.showWhen) } : {}),
});

function Question({ item, lang }: { item: Item; lang: Lang }) {
  return (
    <>
      {localize(item.question, lang)}
      {item.required ? (
        <span className="required" aria-hidden="true">
          {' '}
          *
        </span>
      ) : null}
      {item.required ? <span className="sr-only"> ({messagesFor(lang).required})</span> : null}
    </>
  );
}

function describedBy(item: Item, error: string | undefined): string | undefined {
  const ids = [item.hint ? `${item.code}-hint` : '', error ? `${item.code}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function HintAndError({ item, lang, error }: { item: Item; lang: Lang; error: string | undefined }) {
  return (
    <>
      {item.hint ? (
        <p className="hint" id={`${item.code}-hint`}>
          {localize(item.hint, lang)}
        </p>
      ) : null}
      {error ? (
        <p className="error-message" id={`${item.code}-error`}>
          <span className="sr-only">{messagesFor(lang).errorPrefix} </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

function Fieldset({ props, children }: { props: FieldProps<Item>; children: ReactNode }) {
  const { item, lang, error, hidden } = props;
  return (
    <fieldset
      className={error ? 'item item-error' : 'item'}
      aria-describedby={describedBy(item, error)}
      hidden={hidden}
      {...dataOf(item)}
    >
      <legend>
        <Question item={item} lang={lang} />
      </legend>
      <HintAndError item={item} lang={lang} error={error} />
      {children}
    </fieldset>
  );
}

/** A fieldset of radios or checkboxes, one per point or option, labelled by its text unless `label` says otherwise. */
function ChoiceField({
  props,
  kind,
  choices,
  label = (choice) => localize(choice.label, props.lang),
  className = '',
}: {
  props: FieldProps<Item>;
  kind: 'radio' | 'checkbox';
  choices: readonly (ScalePoint | ChoiceOption)[];
  label?: (choice: ScalePoint | ChoiceOption) => ReactNode;
  className?: string;
}) {
  const { item, value, hidden } = props;
  const checked = (candidate: string) =>
    Array.isArray(value)
      ? value.map(String).includes(candidate)
      : value !== undefined && String(value) === candidate;
  return (
    <Fieldset props={props}>
      <div className={`choices choices-${item.type} ${className}`.trim()}>
        {choices.map((choice, i) => {
          const id = `${item.code}-${i + 1}`;
          const v = String(choice.value);
          return (
            <div className="choice" key={v}>
              <input
                type={kind}
                id={id}
                name={item.code}
                value={v}
                defaultChecked={checked(v)}
                disabled={hidden}
              />
              <label htmlFor={id}>{label(choice)}</label>
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

/** A five-pointed star, outlined; filled by the stylesheet when it or a higher one is chosen. */
const STAR = (
  <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z" />
  </svg>
);

type Renderers = {
  readonly [K in ItemType]: (props: FieldProps<Extract<Item, { type: K }>>) => ReactElement;
};

/** One renderer per item type; the compiler refuses a missing one. */
const RENDERERS: Renderers = {
  scale: (props) => <ChoiceField props={props} kind="radio" choices={props.item.points} />,
  // Stars: a native radio group, one star drawn per point; each radio is named by its point's label.
  rating: (props) => (
    <ChoiceField
      props={props}
      kind="radio"
      className="stars"
      choices={props.item.points}
      label={(c) => (
        <>
          {STAR}
          <span className="sr-only">{localize(c.label, props.lang)}</span>
        </>
      )}
    />
  ),
  single: (props) => <ChoiceField props={props} kind="radio" choices={props.item.options} />,
  multiple: (props) => <ChoiceField props={props} kind="checkbox" choices={props.item.options} />,
  text: ({ item, lang, value, error, hidden }) => (
    <div className={error ? 'item item-error' : 'item'} hidden={hidden} {...dataOf(item)}>
      <label className="item-label" htmlFor={firstControlId(item)}>
        <Question item={item} lang={lang} />
      </label>
      <HintAndError item={item} lang={lang} error={error} />
      <p className="hint" id={`${item.code}-limit`}>
        {messagesFor(lang).charactersLeft(item.maxLength)}
      </p>
      <textarea
        id={firstControlId(item)}
        name={item.code}
        rows={4}
        maxLength={item.maxLength}
        defaultValue={typeof value === 'string' ? value : ''}
        aria-describedby={[describedBy(item, error), `${item.code}-limit`].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        disabled={hidden}
      />
    </div>
  ),
};

/** Renders the form field of any item. */
export function ItemField(props: FieldProps<Item>): ReactElement {
  const render = RENDERERS[props.item.type] as (props: FieldProps<Item>) => ReactElement;
  return render(props);
}
