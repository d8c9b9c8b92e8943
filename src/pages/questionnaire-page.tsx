import type { FieldError } from '../domain/errors.js';
import { localize, type Item, type Lang, type QuestionnaireDefinition } from '../domain/questionnaire.js';
import { firstControlId, ItemField } from './item-fields.js';
import { Layout, withQuery } from './layout.js';
import { messagesFor, type FormErrorCode, type Messages } from './messages.js';

/** The name of the honeypot field: a person never sees it, a program filling every field does. */
export const HONEYPOT_FIELD = 'website';

interface PageProps {
  readonly lang: Lang;
  readonly slug: string;
  readonly serviceName: string;
  readonly enteName: string;
  readonly definition: QuestionnaireDefinition;
  /** Codes of the items asked given the answers so far; the others are rendered hidden. */
  readonly shown: ReadonlySet<string>;
  /** Form values so far, by item code. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly errors: readonly FieldError[];
  /** An error of the form as a whole (anti-abuse, completion link), shown first in the summary. */
  readonly formError?: FormErrorCode | undefined;
  /** Items the answers have just opened (the second step without JavaScript); empty on the first. */
  readonly followUp: readonly Item[];
}

/** The public form, posted to /s/{slug} to be stored. */
interface PublicFormProps extends PageProps {
  readonly preview?: undefined;
  readonly submissionId: string;
  readonly channel: string;
  /** The signed time the form was first served (form-token.ts). */
  readonly formToken: string;
  /** The ente's completion token the questionnaire was opened with, if any. */
  readonly completionToken?: string | undefined;
}

/**
 * A draft shown in the console: the form sends its answers to `action` with GET, to be checked
 * and never stored; `accepted` once they passed.
 */
interface PreviewProps extends PageProps {
  readonly preview: { readonly family: string; readonly action: string; readonly accepted: boolean };
}

export type QuestionnairePageProps = PublicFormProps | PreviewProps;

function fieldErrorText(m: Messages, error: FieldError): string {
  return m.fieldErrors[error.code] ?? m.fallbackFieldError;
}

function ErrorSummary({
  m,
  lang,
  items,
  errors,
  formError,
}: {
  m: Messages;
  lang: Lang;
  items: readonly Item[];
  errors: readonly FieldError[];
  formError: FormErrorCode | undefined;
}) {
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{m.errorSummaryTitle}</h2>
      <ul>
        {formError ? <li>{m.formErrors[formError]}</li> : null}
        {errors.map((e) => {
          const item = items.find((i) => i.code === e.item);
          return (
            <li key={e.item}>
              <a href={item ? `#${firstControlId(item)}` : '#main'}>
                {item ? `${localize(item.question, lang)} — ` : ''}
                {fieldErrorText(m, e)}
              </a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * The hosted questionnaire: a plain HTML form that works without JavaScript. Every item is in
 * the page; those not asked yet are hidden and disabled, and the script (scripts/hosted.ts)
 * shows them as the answers open them, so that with JavaScript no second step is needed.
 */
export function QuestionnairePage(props: QuestionnairePageProps) {
  const { lang, definition, values, errors, formError, shown } = props;
  const m = messagesFor(lang);
  const items = definition.items;
  const errorOf = new Map(errors.map((e) => [e.item, fieldErrorText(m, e)]));
  const hasErrors = errors.length > 0 || formError !== undefined;
  const heading = localize(definition.title, lang);
  const { preview } = props;
  const title = `${hasErrors ? `${m.errorPrefix} ` : ''}${preview ? `${m.preview.title}: ` : ''}${heading} – ${props.serviceName}`;
  const path = preview?.action ?? `/s/${props.slug}`;
  const hrefIn = (l: Lang) =>
    props.preview
      ? withQuery(path, { lang: l })
      : withQuery(path, {
          lang: l,
          channel: props.channel === 'web' ? undefined : props.channel,
          token: props.completionToken,
        });
  return (
    <Layout lang={lang} title={title} enteName={props.enteName} hrefIn={hrefIn} script>
      <h1>
        {heading}
        <span className="service-name">{props.serviceName}</span>
      </h1>
      {preview ? <p className="notice">{m.preview.banner(preview.family)}</p> : null}
      {preview?.accepted ? (
        <div className="notice" role="status">
          <p>{m.preview.accepted}</p>
        </div>
      ) : null}
      {hasErrors ? (
        <ErrorSummary m={m} lang={lang} items={items} errors={errors} formError={formError} />
      ) : null}
      {props.followUp.length > 0 && !hasErrors ? (
        <div className="notice" role="status">
          <p>{m.stepTwoNote}</p>
          <ul>
            {props.followUp.map((item) => (
              <li key={item.code}>
                <a href={`#${firstControlId(item)}`}>{localize(item.question, lang)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {definition.intro ? <p className="lead">{localize(definition.intro, lang)}</p> : null}
      <p className="hint">{m.requiredLegend}</p>
      <form method={preview ? 'get' : 'post'} action={path} noValidate data-questionnaire="">
        <input type="hidden" name="lang" value={lang} />
        {props.preview ? (
          <input type="hidden" name="sent" value="1" />
        ) : (
          <>
            <input type="hidden" name="submissionId" value={props.submissionId} />
            <input type="hidden" name="channel" value={props.channel} />
            <input type="hidden" name="formToken" value={props.formToken} />
            {props.completionToken ? (
              <input type="hidden" name="completionToken" value={props.completionToken} />
            ) : null}
          </>
        )}
        <input
          type="hidden"
          name="presented"
          value={items
            .filter((i) => shown.has(i.code))
            .map((i) => i.code)
            .join(',')}
        />
        {/* Enabled by the script: every item was on the page, shown as the answers asked. */}
        <input type="hidden" name="inline" value="1" disabled />
        {preview ? null : (
          <div className="hp" aria-hidden="true">
            <label htmlFor={HONEYPOT_FIELD}>{m.honeypotLabel}</label>
            <input type="text" id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} tabIndex={-1} autoComplete="off" />
          </div>
        )}
        {items.map((item) => (
          <ItemField
            key={item.code}
            item={item}
            lang={lang}
            value={values[item.code]}
            error={errorOf.get(item.code)}
            hidden={!shown.has(item.code)}
          />
        ))}
        <p className="sr-only" aria-live="polite" id="questions-added" data-text={m.questionsAdded} />
        <button type="submit" className="button">
          {m.submit}
        </button>
      </form>
      <p className="privacy">
        {m.anonymousNote} <a href={withQuery('/privacy', { lang })}>{m.privacyLink}</a>
      </p>
    </Layout>
  );
}
