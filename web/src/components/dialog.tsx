import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';

import { useT } from '../i18n/i18n';

interface DialogProps {
  title: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  /** Confirming is refused while this is false (a required field is empty). */
  canConfirm?: boolean;
  children?: ReactNode;
}

/** A modal form with Cancel and a confirm button; Escape cancels, Enter in a field confirms. */
export function Dialog({
  title,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
  canConfirm = true,
  children,
}: DialogProps) {
  const t = useT();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const first = formRef.current?.querySelector<HTMLElement>(
      'textarea, select, input, button.primary',
    );
    first?.focus();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy && canConfirm) onConfirm();
  };

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => event.target === event.currentTarget && onCancel()}
    >
      <form
        ref={formRef}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onSubmit={submit}
      >
        <h2>{title}</h2>
        {children}
        <div className="buttons">
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="primary"
            data-testid="dialog-confirm"
            disabled={busy || !canConfirm}
          >
            {confirmLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
