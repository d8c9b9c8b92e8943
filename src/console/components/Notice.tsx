import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A confirmation after an action (role="status"), focused when it appears: the button that was
 * pressed may be gone (an approved ente has no "Approve" any more), so the focus goes here
 * instead of falling back to the page. Focused once, when mounted: give a new notice a new key.
 */
export function Notice({
  children,
  tone = 'success',
  focus = true,
  id,
}: {
  children: ReactNode;
  tone?: 'success' | 'info' | 'warning';
  focus?: boolean;
  id?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // On mount only: a new notice is a new element (callers give it a key).
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, []);
  return (
    <div ref={ref} id={id} className={`alert alert-${tone}`} role="status" tabIndex={-1}>
      {children}
    </div>
  );
}
