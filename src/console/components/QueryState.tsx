import { describeError } from '../errors.js';
import { useT } from '../i18n/index.js';

/** While data is on its way. */
export function Loading() {
  const t = useT();
  return (
    <p role="status" className="console-loading">
      {t.layout.loading}
    </p>
  );
}

/** Data that could not be loaded (403, 404, the network…): a message, never a broken page. */
export function LoadError({ error }: { error: unknown }) {
  const t = useT();
  const described = describeError(error, t);
  return (
    <div className="alert alert-danger" role="alert">
      <p className="mb-0">
        <strong>{t.errors.loadFailed}</strong> <span lang={described.lang?.summary}>{described.summary}</span>
      </p>
      {described.detail ? (
        <p className="mb-0 mt-1" lang={described.lang?.detail}>
          {described.detail}
        </p>
      ) : null}
    </div>
  );
}
