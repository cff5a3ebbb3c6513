import { useEffect, useId, useRef, useState, type ButtonHTMLAttributes, type ReactNode } from 'react';

interface PopoverProps {
  /** Content of the toggle button. */
  trigger: ReactNode;
  triggerProps?: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onClick' | 'type'>;
  children: (close: () => void) => ReactNode;
  /** Accessible name of the panel. */
  panelLabel: string;
}

/**
 * A disclosure: a button that shows a panel right after it in the tab order.
 * Escape or a click elsewhere closes it (Escape returns focus to the button).
 */
export function Popover({ trigger, triggerProps, children, panelLabel }: PopoverProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const anchorRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (anchorRef.current && !anchorRef.current.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onFocusIn = (event: FocusEvent) => {
      if (anchorRef.current && !anchorRef.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, [open]);

  return (
    <div className="popover-anchor" ref={anchorRef}>
      <button
        {...triggerProps}
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        {trigger}
      </button>
      {open && (
        <div className="popover" id={panelId} role="region" aria-label={panelLabel}>
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
