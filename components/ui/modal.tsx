'use client';

import { useEffect, useRef, type ReactNode } from 'react';

/**
 * Opens and closes a <dialog> as a modal while `open` is true, and gives focus back to what had it before (Chromium
 * sometimes leaves it on the closed dialog's button, where the next Enter would "click" it). Call `restoreFocus` from
 * the dialog's onClose.
 */
function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<Element | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      returnTo.current = document.activeElement;
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open]);
  const restoreFocus = () => {
    const d = ref.current;
    const back = returnTo.current;
    if (back instanceof HTMLElement && back !== document.body && back.isConnected) back.focus();
    else if (d && document.activeElement instanceof HTMLElement && d.contains(document.activeElement)) document.activeElement.blur();
  };
  return { ref, restoreFocus };
}

interface ModalProps {
  open: boolean;
  onClose: () => void;
  title: string;
  testId?: string;
  /** 420 px (a short list) instead of 560 px (a form). */
  narrow?: boolean;
  children: ReactNode;
}

/**
 * A modal <dialog> (focus kept inside, Escape closes, the page behind is inert) opened while `open` is true.
 * Focus returns to what had it before, so a keyboard or screen-reader user lands where they were.
 */
export function Modal({ open, onClose, title, testId, narrow = false, children }: ModalProps) {
  const { ref, restoreFocus } = useModalDialog(open);
  return (
    <dialog
      ref={ref}
      onClose={() => {
        restoreFocus();
        onClose();
      }}
      aria-label={title}
      data-testid={testId}
      className={`m-auto max-h-[90vh] ${narrow ? 'w-[420px]' : 'w-[560px]'} max-w-[95vw] overflow-y-auto rounded-lg border border-line bg-panel p-5 text-ink backdrop:bg-black/60`}
    >
      <h2 className="mb-3 text-base font-semibold">{title}</h2>
      {open && children}
    </dialog>
  );
}
