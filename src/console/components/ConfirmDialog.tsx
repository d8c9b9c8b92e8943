/**
 * A confirmation before an action that cannot be undone, on the native modal <dialog>: the
 * browser keeps the focus inside, closes it on Escape and gives the focus back to the button
 * that opened it. The focus starts on "Cancel", the harmless choice.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
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
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="console-dialog" aria-labelledby={titleId} onClose={onCancel}>
      <h2 id={titleId} className="h4">
        {title}
      </h2>
      <div className="mb-3">{children}</div>
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
