/**
 * A confirmation before an action that cannot be undone, on the native modal <dialog>: the
 * browser keeps the focus inside, closes it on Escape and gives the focus back to the button
 * that opened it. The focus starts on "Cancel", the harmless choice. The dialog is named by its
 * title and described by its text.
 *
 * It opens and closes in a layout effect, before any passive effect of the same commit: once an
 * action is confirmed, the page's notice or error summary (Notice, ErrorSummary) focuses itself
 * in its effect, which a modal still open would make inert, and which the focus given back to
 * the opener (often gone with the action: Suspend, Retire, Revoke) would otherwise undo.
 */
import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/index.js';

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy = false,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  busy?: boolean;
}) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="console-dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onClose={onCancel}
    >
      <h2 id={titleId} className="h4">
        {title}
      </h2>
      <div id={textId} className="mb-3">
        {children}
      </div>
      <div className="console-actions">
        <button type="button" className="btn btn-outline-primary" onClick={onCancel} autoFocus>
          {t.common.cancel}
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
