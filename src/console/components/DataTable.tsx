import { useId, type ReactNode } from 'react';

/**
 * A table in a box that scrolls sideways on a phone: the box is a labelled region in the tab
 * order (WCAG 2.1.1: a keyboard must be able to scroll it), named by the table's caption.
 */
export function DataTable({ caption, children }: { caption: string; children: ReactNode }) {
  const captionId = useId();
  return (
    <div className="table-responsive" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table caption-top">
        <caption id={captionId}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
