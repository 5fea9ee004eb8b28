// The shell every form of the app shares: a title, the fields, an error line, Cancel
// and a submit button that shows the form is busy while it is submitted. A failed
// submit keeps what was typed; an error the backend reports about one field
// (BackendError.field) is shown at that field, any other on the error line.
// FormDialog shows it as a modal dialog, InlineForm in place (the persona form).
import { useCallback, useId, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import { BackendError, describeError } from "../ipc/client";
import { useModal } from "../lib/useModal";

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

interface FormOptions<F extends string> {
  /** The form field a backend error's field (camelCase) stands for, if it is one of the form's. */
  fieldOf?: (backendField: string | null) => F | null;
  /** A form of one field: every failure is about it and shows there. */
  errorsAt?: F;
}

export interface FormState<F extends string> {
  id: string;
  errors: FieldErrors<F>;
  /** Shows the form's own checks at their fields (replacing earlier ones). */
  setErrors: (errors: FieldErrors<F>) => void;
  /** Forgets a field's error: called when the field is edited. */
  clear: (field: F) => void;
  formError: string | null;
  busy: boolean;
  /** Shows a failure at its field, or on the error line. */
  fail: (error: unknown) => void;
  /** Runs a submission: earlier errors go, busy until it settles, its failure shown by `fail`. */
  run: (submission: () => Promise<unknown>) => Promise<void>;
  /** id, name and the error wiring of a field's input. */
  fieldProps: (field: F) => {
    id: string;
    name: F;
    "aria-invalid": true | undefined;
    "aria-describedby": string | undefined;
  };
  /** The id of a field's input, for its label's htmlFor. */
  fieldId: (field: F) => string;
  /** The field's error, if it has one, below it. */
  fieldError: (field: F) => ReactNode;
}

/** The state of one form's errors and submission. */
export function useForm<F extends string>({ fieldOf, errorsAt }: FormOptions<F> = {}): FormState<F> {
  const id = useId();
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = useCallback(
    (error: unknown) => {
      const field = errorsAt ?? (error instanceof BackendError && fieldOf ? fieldOf(error.field) : null);
      if (field) setErrors({ [field]: describeError(error) } as FieldErrors<F>);
      else setFormError(describeError(error));
    },
    [fieldOf, errorsAt],
  );

  const run = useCallback(
    async (submission: () => Promise<unknown>) => {
      setBusy(true);
      setErrors({});
      setFormError(null);
      try {
        await submission();
      } catch (error) {
        fail(error);
      } finally {
        setBusy(false);
      }
    },
    [fail],
  );

  const fieldId = (field: F) => `${id}-${field}`;
  return {
    id,
    errors,
    setErrors,
    clear: useCallback((field: F) => setErrors((e) => (e[field] === undefined ? e : { ...e, [field]: undefined })), []),
    formError,
    busy,
    fail,
    run,
    fieldId,
    fieldProps: (field: F) => ({
      id: fieldId(field),
      name: field,
      "aria-invalid": errors[field] ? true : undefined,
      "aria-describedby": errors[field] ? `${fieldId(field)}-error` : undefined,
    }),
    fieldError: (field: F) =>
      errors[field] ? (
        <p className="field-error" id={`${fieldId(field)}-error`} role="alert">
          {errors[field]}
        </p>
      ) : null,
  };
}

interface ShellProps<F extends string> {
  form: FormState<F>;
  title: ReactNode;
  /** Submits the form (the browser's submit is prevented). */
  onSubmit: () => void;
  onCancel: () => void;
  submitLabel: string;
  /** The submit button's text while the form is busy. */
  busyLabel?: string;
  submitTestId?: string;
  submitClassName?: string;
  cancelLabel?: string;
  /** Without a submit button (a finished export only closes). */
  hideSubmit?: boolean;
  /** Buttons before Cancel (a KPI's Delete). */
  actions?: ReactNode;
  /** Between the fields and the buttons (a finished export's result). */
  footer?: ReactNode;
  children: ReactNode;
}

function FormBody<F extends string>({
  form,
  title,
  onCancel,
  submitLabel,
  busyLabel = "Saving…",
  submitTestId,
  submitClassName = "button button-primary",
  cancelLabel = "Cancel",
  hideSubmit = false,
  actions,
  footer,
  children,
}: Omit<ShellProps<F>, "onSubmit">) {
  return (
    <>
      <h2 id={`${form.id}-heading`}>{title}</h2>
      {children}
      {form.formError && (
        <p className="form-error" role="alert">
          {form.formError}
        </p>
      )}
      {footer}
      <div className="form-actions">
        {actions}
        <button type="button" className="button" onClick={onCancel}>
          {cancelLabel}
        </button>
        {!hideSubmit && (
          <button type="submit" className={submitClassName} disabled={form.busy} data-testid={submitTestId}>
            {form.busy ? busyLabel : submitLabel}
          </button>
        )}
      </div>
    </>
  );
}

const submitting = (onSubmit: () => void) => (event: FormEvent) => {
  event.preventDefault();
  onSubmit();
};

/** A form in a modal dialog; Escape cancels it like its Cancel button. */
export function FormDialog<F extends string>({
  className = "dialog",
  testId,
  ...shell
}: ShellProps<F> & { className?: string; testId: string }) {
  const ref = useModal();
  return (
    <dialog
      ref={ref}
      className={className}
      aria-labelledby={`${shell.form.id}-heading`}
      onCancel={(e) => {
        e.preventDefault();
        shell.onCancel();
      }}
      data-testid={testId}
    >
      <form className="dialog-form" onSubmit={submitting(shell.onSubmit)} noValidate>
        <FormBody {...shell} />
      </form>
    </dialog>
  );
}

/** The same form shown in place on the page; Escape cancels it. */
export function InlineForm<F extends string>({
  className,
  testId,
  ...shell
}: ShellProps<F> & { className: string; testId: string }) {
  return (
    <form
      className={className}
      aria-labelledby={`${shell.form.id}-heading`}
      onSubmit={submitting(shell.onSubmit)}
      onKeyDown={(e: KeyboardEvent) => e.key === "Escape" && shell.onCancel()}
      noValidate
      data-testid={testId}
    >
      <FormBody {...shell} />
    </form>
  );
}
