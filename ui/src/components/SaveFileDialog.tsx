// A dialog that writes one file the user names: the path can be typed or chosen in the
// native save dialog. An existing file is replaced only after the user says so: here for
// a typed path, in the native dialog (which asks itself) for a chosen one.
import { useEffect, useState, type ReactNode } from "react";
import { BackendError } from "../ipc/client";
import { useClient } from "../ipc/context";
import { FormDialog, useForm } from "./FormDialog";

interface Props {
  /** Prefix of the test ids: `${id}-dialog`, `-path`, `-save`, `-exists`, `-done`. */
  id: string;
  title: string;
  children: ReactNode;
  /** The file name offered in the user's documents folder. */
  suggestedName: string;
  submitLabel: string;
  busyLabel: string;
  /** What the file is, for "… already exists. Replace it with this {what}". */
  what: string;
  /** The native save dialog, starting at the given path; null when cancelled. */
  pick: (suggested: string) => Promise<string | null>;
  /** Writes the file; refuses an existing one (code `file_exists`) unless `replace`.
   * Returns the sentence that says it is done. */
  save: (path: string, replace: boolean) => Promise<string>;
  onClose: () => void;
}

export function SaveFileDialog(props: Props) {
  const { id, suggestedName, pick, save } = props;
  const client = useClient();
  // One field: whatever goes wrong (no path, a file that cannot be written) is said at the path.
  const form = useForm<"path">({ errorsAt: "path" });
  const [path, setPath] = useState("");
  const [done, setDone] = useState<string | null>(null);
  // The path the user agreed to replace (in the native dialog, or after our question).
  const [replaceable, setReplaceable] = useState<string | null>(null);
  // The path that exists and is waiting for the user's answer.
  const [asking, setAsking] = useState<string | null>(null);

  useEffect(() => {
    client.suggestPath(suggestedName).then(
      (p) => setPath((current) => current || p),
      () => {},
    );
  }, [client, suggestedName]);

  function submit() {
    if (path.trim() === "") {
      form.setErrors({ path: "Choose where to save the file" });
      return;
    }
    const target = path.trim();
    const replace = replaceable === target || asking === target;
    void form.run(async () => {
      try {
        const sentence = await save(target, replace);
        setAsking(null);
        setDone(sentence);
      } catch (err) {
        if (err instanceof BackendError && err.code === "file_exists") {
          setAsking(target);
          return;
        }
        throw err;
      }
    });
  }

  function changePath(next: string, chosen: boolean) {
    setPath(next);
    setDone(null);
    setAsking(null);
    setReplaceable(chosen ? next : null);
    form.clear("path");
  }

  return (
    <FormDialog
      form={form}
      testId={`${id}-dialog`}
      title={props.title}
      onSubmit={submit}
      onCancel={props.onClose}
      cancelLabel={done ? "Close" : "Cancel"}
      hideSubmit={done !== null}
      submitLabel={asking !== null ? "Replace" : props.submitLabel}
      busyLabel={props.busyLabel}
      submitTestId={`${id}-save`}
      footer={
        done && (
          <p className="notice-inline" role="status" data-testid={`${id}-done`}>
            {done}
          </p>
        )
      }
    >
      {props.children}
      <div className="field">
        <label htmlFor={form.fieldId("path")}>Save as</label>
        <div className="path-field">
          <input
            {...form.fieldProps("path")}
            className="mono"
            value={path}
            onChange={(e) => changePath(e.target.value, false)}
            data-testid={`${id}-path`}
          />
          <button
            type="button"
            className="button"
            onClick={() =>
              pick(path).then(
                (p) => p && changePath(p, true),
                (err: unknown) => form.fail(err),
              )
            }
          >
            Choose…
          </button>
        </div>
        {form.fieldError("path")}
        {asking !== null && (
          <p className="notice-inline notice-warning" role="alert" data-testid={`${id}-exists`}>
            {asking} already exists. Replace it with this {props.what}, or change the name.
          </p>
        )}
      </div>
    </FormDialog>
  );
}
