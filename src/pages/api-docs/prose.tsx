import { Fragment } from 'react';

/** Text of the document: paragraphs on blank lines, `code` spans (the Markdown the Valuta API uses). */
export function Prose({ text, className }: { text: string | undefined; className?: string }) {
  if (!text) return null;
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .filter((paragraph) => paragraph.trim())
        .map((paragraph, i) => (
          <p key={i} className={className}>
            <Inline text={paragraph} />
          </p>
        ))}
    </>
  );
}

/** A paragraph or a phrase of the document, its `code` spans as code. */
export function Inline({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/(`[^`]+`)/)
        .map((part, i) =>
          part.startsWith('`') && part.endsWith('`') && part.length > 1 ? (
            <code key={i}>{part.slice(1, -1)}</code>
          ) : (
            <Fragment key={i}>{part}</Fragment>
          ),
        )}
    </>
  );
}
