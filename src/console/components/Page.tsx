import { useEffect, type ReactNode } from 'react';
import { useT } from '../i18n/index.js';

/**
 * A page's one h1 (focusable, so the layout can move the focus to it on every route change)
 * and the document title.
 */
export function Page({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  useEffect(() => {
    document.title = t.pageTitle(title);
  }, [t, title]);
  return (
    <>
      <h1 tabIndex={-1} className="console-h1">
        {title}
      </h1>
      {children}
    </>
  );
}
