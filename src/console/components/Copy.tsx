/**
 * Copying a snippet, a link or a secret: navigator.clipboard, with the outcome in an aria-live
 * region beside the button. Where the clipboard is not available (plain HTTP on a host other
 * than localhost), the text is selected and the reader told to press Ctrl+C.
 */
import { useId, useState } from 'react';
import { useT } from '../i18n/index.js';

export function CopyButton({ text, label, target }: { text: string; label?: string; target?: string }) {
  const t = useT();
  const [status, setStatus] = useState('');
  const statusId = useId();
  async function copy() {
    setStatus('');
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setStatus(t.common.copied);
    } catch {
      const element = target ? document.getElementById(target) : null;
      if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
        element.focus();
        element.select();
      }
      setStatus(t.common.copyManual);
    }
  }
  return (
    <div className="console-copy">
      <button type="button" className="btn btn-outline-primary btn-sm" onClick={copy}>
        {label ?? t.common.copy}
      </button>
      <span id={statusId} className="console-copy-status" aria-live="polite">
        {status}
      </span>
    </div>
  );
}

/**
 * A read-only value (a link, a secret) with its label and a copy button; `copyText`, when the
 * value is shown otherwise than it is copied (a key in groups of four).
 */
export function CopyField({
  id,
  label,
  value,
  copyText,
  copyLabel,
  multiline = false,
  rows = 4,
  hint,
}: {
  id: string;
  label: string;
  value: string;
  copyText?: string;
  copyLabel?: string;
  multiline?: boolean;
  rows?: number;
  hint?: string;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="console-copy-field">
      <div className="form-group console-field">
        <label htmlFor={id} className="active">
          {label}
        </label>
        {multiline ? (
          <textarea
            id={id}
            className="form-control console-code"
            value={value}
            rows={rows}
            readOnly
            spellCheck={false}
            aria-describedby={hintId}
          />
        ) : (
          <input
            id={id}
            className="form-control console-code"
            value={value}
            readOnly
            spellCheck={false}
            aria-describedby={hintId}
          />
        )}
        {hint ? (
          <small id={hintId} className="form-text console-hint">
            {hint}
          </small>
        ) : null}
      </div>
      <CopyButton text={copyText ?? value} label={copyLabel} target={id} />
    </div>
  );
}
