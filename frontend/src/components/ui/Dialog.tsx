import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  children: ReactNode;
  /** Buttons; rendered in a footer row. */
  footer?: ReactNode;
  /** When set, the dialog body is a <form> that calls this on submit. */
  onSubmit?: () => void;
  /** Blocks Escape / close while a request is under way. */
  busy?: boolean;
}

/**
 * A modal built on the native <dialog>: the browser traps focus and makes the
 * page behind it inert. We focus the first [data-autofocus] control (or the
 * first field) on open and give focus back to whatever opened it on close.
 */
export function Dialog({ open, onClose, title, children, footer, onSubmit, busy = false }: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  const busyRef = useRef(busy);
  useEffect(() => {
    onCloseRef.current = onClose;
    busyRef.current = busy;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!open || !dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog.querySelector<HTMLElement>('.dialog-body input, .dialog-body select, .dialog-body textarea') ??
      dialog.querySelector<HTMLElement>('.dialog-footer button');
    first?.focus();
    const onCancel = (event: Event) => {
      // Escape: let React state decide, so the dialog never closes behind its back.
      event.preventDefault();
      if (!busyRef.current) onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      if (opener && opener.isConnected) opener.focus();
    };
  }, [open]);

  const body = (
    <>
      <div className="dialog-body">{children}</div>
      {footer && <div className="dialog-footer">{footer}</div>}
    </>
  );

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} aria-modal="true">
      {open && (
        <div className="dialog-panel">
          <div className="dialog-header">
            <h2 id={titleId} className="dialog-title">
              {title}
            </h2>
            <button
              type="button"
              className="icon-button"
              onClick={onClose}
              disabled={busy}
              aria-label={t('common.close')}
            >
              <Icon name="close" />
            </button>
          </div>
          {onSubmit ? (
            <form
              noValidate
              onSubmit={(event) => {
                event.preventDefault();
                onSubmit();
              }}
            >
              {body}
            </form>
          ) : (
            body
          )}
        </div>
      )}
    </dialog>
  );
}
