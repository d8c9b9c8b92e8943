/**
 * Form fields in Bootstrap Italia's markup: each labelled, its hint and error linked by
 * aria-describedby, aria-invalid when in error. The focus target of a field has the field's
 * name as id, so the error summary can link to it.
 */
import type { ChangeEvent, InputHTMLAttributes, ReactNode, Ref } from 'react';
import { useT } from '../i18n/index.js';

interface Described {
  readonly hint?: ReactNode;
  readonly error?: string;
  /** The language of the error, when it is the server's own words (FormError's `lang`). */
  readonly errorLang?: string;
  /** Says "(optional)" after the label. */
  readonly optional?: boolean;
}

function describedBy(id: string, { hint, error }: Described): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** Optional fields say so (GOV.UK's and Designers Italia's advice); filters need neither mark. */
function Label({ id, label, optional }: { id: string; label: string; optional?: boolean }) {
  const t = useT();
  return (
    <label htmlFor={id} className="active">
      {label}
      {optional ? <span className="console-optional"> ({t.common.optional})</span> : null}
    </label>
  );
}

function HintAndError({ id, hint, error, errorLang }: { id: string } & Described) {
  return (
    <>
      {hint ? (
        <small id={`${id}-hint`} className="form-text console-hint">
          {hint}
        </small>
      ) : null}
      {error ? (
        <div id={`${id}-error`} className="console-field-error" lang={errorLang}>
          {error}
        </div>
      ) : null}
    </>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'required'>;

export function TextField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  errorLang,
  optional,
  required = false,
  ref,
  type = 'text',
  ...input
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  required?: boolean;
  ref?: Ref<HTMLInputElement>;
} & Described &
  InputProps) {
  return (
    <div className={`form-group console-field${error ? ' console-field-invalid' : ''}`}>
      <Label id={id} label={label} optional={optional} />
      <input
        {...input}
        ref={ref}
        type={type}
        id={id}
        name={id}
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { hint, error })}
      />
      <HintAndError id={id} hint={hint} error={error} errorLang={errorLang} />
    </div>
  );
}

export function TextArea({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  errorLang,
  optional,
  required = false,
  rows = 3,
  readOnly = false,
  spellCheck,
  maxLength,
  lang,
}: {
  id: string;
  label: string;
  value: string;
  onChange?(value: string): void;
  required?: boolean;
  rows?: number;
  readOnly?: boolean;
  spellCheck?: boolean;
  maxLength?: number;
  /** The language of the text written in it (WCAG 3.1.2), when not the page's. */
  lang?: string;
} & Described) {
  return (
    <div className={`form-group console-field${error ? ' console-field-invalid' : ''}`}>
      <Label id={id} label={label} optional={optional} />
      <textarea
        id={id}
        name={id}
        className={`form-control${error ? ' is-invalid' : ''}${readOnly ? ' console-code' : ''}`}
        value={value}
        rows={rows}
        readOnly={readOnly}
        spellCheck={spellCheck}
        maxLength={maxLength}
        lang={lang}
        onChange={(event) => onChange?.(event.target.value)}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { hint, error })}
      />
      <HintAndError id={id} hint={hint} error={error} errorLang={errorLang} />
    </div>
  );
}

export interface Option {
  readonly value: string;
  readonly label: string;
  /** The language of the label, when not the page's (an IndicePA entry in the English console). */
  readonly lang?: string;
}

export function SelectField({
  id,
  label,
  value,
  onChange,
  options,
  hint,
  error,
  errorLang,
  optional,
  required = false,
  placeholder,
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  options: readonly Option[];
  required?: boolean;
  /** A first, empty option ("Choose…"). */
  placeholder?: string;
} & Described) {
  return (
    <div className={`select-wrapper console-field${error ? ' console-field-invalid' : ''}`}>
      <Label id={id} label={label} optional={optional} />
      <select
        id={id}
        name={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required={required}
        className={error ? 'is-invalid' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { hint, error })}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
      <HintAndError id={id} hint={hint} error={error} errorLang={errorLang} />
    </div>
  );
}

/** The id of one choice of a group: the first is the group's name (the error summary links there). */
const choiceId = (name: string, index: number, value: string) =>
  index === 0 ? name : `${name}-${value.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

function ChoiceGroup({
  type,
  name,
  legend,
  options,
  isChecked,
  onToggle,
  hint,
  error,
  errorLang,
  optional,
  required = false,
  inline = false,
}: {
  type: 'checkbox' | 'radio';
  name: string;
  legend: string;
  options: readonly Option[];
  isChecked(value: string): boolean;
  onToggle(value: string, checked: boolean): void;
  required?: boolean;
  inline?: boolean;
} & Described) {
  const t = useT();
  return (
    <fieldset className={`console-fieldset${error ? ' console-field-invalid' : ''}`}>
      <legend className="console-legend">
        {legend}
        {optional ? <span className="console-optional"> ({t.common.optional})</span> : null}
      </legend>
      {hint ? (
        <p id={`${name}-hint`} className="form-text console-hint mt-0">
          {hint}
        </p>
      ) : null}
      {error ? (
        <div id={`${name}-error`} className="console-field-error" lang={errorLang}>
          {error}
        </div>
      ) : null}
      {options.map((option, index) => {
        const id = choiceId(name, index, option.value);
        return (
          <div key={option.value} className={`form-check${inline ? ' form-check-inline' : ''}`}>
            <input
              id={id}
              name={name}
              type={type}
              value={option.value}
              checked={isChecked(option.value)}
              onChange={(event) => onToggle(option.value, event.target.checked)}
              required={type === 'radio' && required}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(name, { hint, error })}
            />
            <label htmlFor={id} lang={option.lang}>
              {option.label}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

export function CheckboxGroup<V extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  ...rest
}: {
  name: string;
  legend: string;
  options: readonly { value: V; label: string; lang?: string }[];
  value: readonly V[];
  onChange(value: V[]): void;
  required?: boolean;
  inline?: boolean;
} & Described) {
  return (
    <ChoiceGroup
      {...rest}
      type="checkbox"
      name={name}
      legend={legend}
      options={options}
      isChecked={(v) => value.includes(v as V)}
      onToggle={(v, checked) =>
        onChange(
          checked
            ? options.map((o) => o.value).filter((o) => o === v || value.includes(o))
            : value.filter((o) => o !== v),
        )
      }
    />
  );
}

export function RadioGroup<V extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  ...rest
}: {
  name: string;
  legend: string;
  options: readonly { value: V; label: string; lang?: string }[];
  value: V | '';
  onChange(value: V): void;
  required?: boolean;
  inline?: boolean;
} & Described) {
  return (
    <ChoiceGroup
      {...rest}
      type="radio"
      name={name}
      legend={legend}
      options={options}
      isChecked={(v) => v === value}
      onToggle={(v, checked) => {
        if (checked) onChange(v as V);
      }}
    />
  );
}
