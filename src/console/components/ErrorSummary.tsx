import { useEffect, useRef } from 'react';
import type { FormError } from '../errors.js';
import { useT } from '../i18n/index.js';

/**
 * What went wrong, at the top of the form: role="alert", focused when it appears (and when the
 * error changes), with a link to each field named, as GOV.UK and Designers Italia show it.
 * `labels` names the fields; a field without a label is listed by its message alone. The
 * server's own words (English) carry their `lang`.
 */
export function ErrorSummary({
  error,
  labels = {},
}: {
  error: FormError | null;
  labels?: Readonly<Record<string, string>>;
}) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const fields = Object.entries(error.fields);
  return (
    <div
      ref={ref}
      className="alert alert-danger console-error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby="error-summary-title"
    >
      <h2 id="error-summary-title" className="h5" lang={error.lang?.summary}>
        {error.summary}
      </h2>
      {error.detail ? (
        <p className="mb-2" lang={error.lang?.detail}>
          {error.detail}
        </p>
      ) : null}
      {fields.length > 0 ? (
        <>
          <p className="mb-1">{t.errors.fieldsTitle}</p>
          <ul className="mb-0">
            {fields.map(([field, message]) => (
              <li key={field}>
                <a
                  href={`#${field}`}
                  onClick={(event) => {
                    const target = document.getElementById(field);
                    if (target) {
                      event.preventDefault();
                      target.focus();
                    }
                  }}
                >
                  {labels[field] ? `${labels[field]}: ` : null}
                  <span lang={error.lang?.fields?.[field]}>{message}</span>
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
