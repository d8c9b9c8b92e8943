import type { ReactElement, ReactNode } from 'react';
import {
  localize,
  type ChoiceOption,
  type Item,
  type ItemType,
  type ScalePoint,
} from '../domain/questionnaire.js';
import { messages } from './messages.js';

interface FieldProps<I extends Item> {
  readonly item: I;
  /** The answer given so far: a form value, or a list of them for multiple choice. */
  readonly value: unknown;
  readonly error: string | undefined;
}

/** Id of an item's first control: where the error summary links to. */
export const firstControlId = (item: Item) => `${item.code}-1`;

function Question({ item }: { item: Item }) {
  return (
    <>
      {localize(item.question, 'it')}
      {item.required ? (
        <span className="required" aria-hidden="true">
          {' '}
          *
        </span>
      ) : null}
      {item.required ? <span className="sr-only"> ({messages.required})</span> : null}
    </>
  );
}

function describedBy(item: Item, error: string | undefined): string | undefined {
  const ids = [item.hint ? `${item.code}-hint` : '', error ? `${item.code}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function HintAndError({ item, error }: { item: Item; error: string | undefined }) {
  return (
    <>
      {item.hint ? (
        <p className="hint" id={`${item.code}-hint`}>
          {localize(item.hint, 'it')}
        </p>
      ) : null}
      {error ? (
        <p className="error-message" id={`${item.code}-error`}>
          <span className="sr-only">{messages.errorPrefix} </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

function Fieldset({ item, error, children }: { item: Item; error: string | undefined; children: ReactNode }) {
  return (
    <fieldset className={error ? 'item item-error' : 'item'} aria-describedby={describedBy(item, error)}>
      <legend>
        <Question item={item} />
      </legend>
      <HintAndError item={item} error={error} />
      {children}
    </fieldset>
  );
}

function Choices({
  item,
  kind,
  choices,
  checked,
  label,
}: {
  item: Item;
  kind: 'radio' | 'checkbox';
  choices: readonly (ScalePoint | ChoiceOption)[];
  checked: (value: string) => boolean;
  label: (choice: ScalePoint | ChoiceOption) => ReactNode;
}) {
  return (
    <div className={`choices choices-${item.type}`}>
      {choices.map((choice, i) => {
        const id = `${item.code}-${i + 1}`;
        const value = String(choice.value);
        return (
          <div className="choice" key={value}>
            <input type={kind} id={id} name={item.code} value={value} defaultChecked={checked(value)} />
            <label htmlFor={id}>{label(choice)}</label>
          </div>
        );
      })}
    </div>
  );
}

const isChecked = (value: unknown) => (candidate: string) =>
  Array.isArray(value)
    ? value.map(String).includes(candidate)
    : value !== undefined && String(value) === candidate;

const labelOf = (choice: ScalePoint | ChoiceOption) => localize(choice.label, 'it');

type Renderers = {
  readonly [K in ItemType]: (props: FieldProps<Extract<Item, { type: K }>>) => ReactElement;
};

/** One renderer per item type; the compiler refuses a missing one. */
const RENDERERS: Renderers = {
  scale: ({ item, value, error }) => (
    <Fieldset item={item} error={error}>
      <Choices item={item} kind="radio" choices={item.points} checked={isChecked(value)} label={labelOf} />
    </Fieldset>
  ),
  rating: ({ item, value, error }) => (
    <Fieldset item={item} error={error}>
      <Choices
        item={item}
        kind="radio"
        choices={item.points}
        checked={isChecked(value)}
        label={(point) => (
          <>
            <span aria-hidden="true">{'★'.repeat(Number(point.value))}</span>
            <span className="sr-only">{messages.starsLabel(Number(point.value), item.points.length)}</span>
          </>
        )}
      />
    </Fieldset>
  ),
  single: ({ item, value, error }) => (
    <Fieldset item={item} error={error}>
      <Choices item={item} kind="radio" choices={item.options} checked={isChecked(value)} label={labelOf} />
    </Fieldset>
  ),
  multiple: ({ item, value, error }) => (
    <Fieldset item={item} error={error}>
      <Choices
        item={item}
        kind="checkbox"
        choices={item.options}
        checked={isChecked(value)}
        label={labelOf}
      />
    </Fieldset>
  ),
  text: ({ item, value, error }) => (
    <div className={error ? 'item item-error' : 'item'}>
      <label className="item-label" htmlFor={firstControlId(item)}>
        <Question item={item} />
      </label>
      <HintAndError item={item} error={error} />
      <p className="hint" id={`${item.code}-limit`}>
        {messages.charactersLeft(item.maxLength)}
      </p>
      <textarea
        id={firstControlId(item)}
        name={item.code}
        rows={4}
        maxLength={item.maxLength}
        defaultValue={typeof value === 'string' ? value : ''}
        aria-describedby={[describedBy(item, error), `${item.code}-limit`].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
      />
    </div>
  ),
};

/** Renders the form field of any item. */
export function ItemField(props: FieldProps<Item>): ReactElement {
  const render = RENDERERS[props.item.type] as (props: FieldProps<Item>) => ReactElement;
  return render(props);
}
