import type { FieldError } from '../domain/errors.js';
import { localize, type Item, type QuestionnaireDefinition } from '../domain/questionnaire.js';
import { firstControlId, ItemField } from './item-fields.js';
import { Layout } from './layout.js';
import { messages } from './messages.js';

export interface QuestionnairePageProps {
  readonly action: string;
  readonly serviceName: string;
  readonly enteName: string;
  readonly definition: QuestionnaireDefinition;
  /** Items on the page, in order: those shown given the answers so far. */
  readonly items: readonly Item[];
  /** Form values so far, by item code. */
  readonly values: Readonly<Record<string, unknown>>;
  readonly errors: readonly FieldError[];
  readonly submissionId: string;
  readonly channel: string;
  /** Items the answers have just opened (the second step without JavaScript); empty on the first. */
  readonly followUp: readonly Item[];
}

function fieldErrorText(error: FieldError): string {
  return messages.fieldErrors[error.code] ?? messages.fallbackFieldError;
}

/** The hosted questionnaire: a plain HTML form that works without JavaScript. */
export function QuestionnairePage(props: QuestionnairePageProps) {
  const { definition, items, values, errors } = props;
  const errorOf = new Map(errors.map((e) => [e.item, fieldErrorText(e)]));
  const title = `${errors.length > 0 ? `${messages.errorPrefix} ` : ''}${localize(definition.title, 'it')} – ${props.serviceName}`;
  return (
    <Layout title={title} enteName={props.enteName}>
      <h1>
        {localize(definition.title, 'it')}
        <span className="service-name">{props.serviceName}</span>
      </h1>
      {errors.length > 0 ? (
        <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
          <h2 id="error-summary-title">{messages.errorSummaryTitle}</h2>
          <ul>
            {errors.map((e) => {
              const item = items.find((i) => i.code === e.item);
              return (
                <li key={e.item}>
                  <a href={item ? `#${firstControlId(item)}` : '#main'}>
                    {item ? `${localize(item.question, 'it')} — ` : ''}
                    {fieldErrorText(e)}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      {props.followUp.length > 0 && errors.length === 0 ? (
        <div className="notice" role="status">
          <p>{messages.stepTwoNote}</p>
          <ul>
            {props.followUp.map((item) => (
              <li key={item.code}>
                <a href={`#${firstControlId(item)}`}>{localize(item.question, 'it')}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {definition.intro ? <p className="lead">{localize(definition.intro, 'it')}</p> : null}
      <p className="hint">{messages.requiredLegend}</p>
      <form method="post" action={props.action} noValidate>
        <input type="hidden" name="submissionId" value={props.submissionId} />
        <input type="hidden" name="channel" value={props.channel} />
        <input type="hidden" name="presented" value={items.map((i) => i.code).join(',')} />
        {items.map((item) => (
          <ItemField key={item.code} item={item} value={values[item.code]} error={errorOf.get(item.code)} />
        ))}
        <button type="submit" className="button">
          {messages.submit}
        </button>
      </form>
      <p className="privacy">{messages.anonymousNote}</p>
    </Layout>
  );
}
