// A dialog that writes one file the user names: the path can be typed or chosen in the
// native save dialog. An existing file is replaced only after the user says so: here for
// a typed path, in the native dialog (which asks itself) for a chosen one.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { BackendError } from "../ipc/client";
import { useClient } from "../ipc/context";
import { FormDialog, useForm } from "./FormDialog";

interface Props {
  /** Prefix of the test ids: `${id}-dialog`, `-path`, `-save`, `-exists`, `-done`. */
  id: string;
  title: string;
  children: ReactNode;
  /** The file name offered in the user's documents folder. When it changes (another
   * format chosen), an untouched path becomes the new suggestion and a typed one takes
   * its extension. */
  suggestedName: string;
  /** What is being saved (the dialog's choices); when it changes, the last "done" goes. */
  subject?: string;
  submitLabel: string;
  busyLabel: string;
  /** What the file is, for "… already exists. Replace it with this {what}". */
  what: string;
  /** The native save dialog, starting at the given path; null when cancelled. */
  pick: (suggested: string) => Promise<string | null>;
  /** Writes the file; refuses an existing one (code `file_exists`) unless `replace`.
   * Returns the sentence that says it is done. */
  save: (path: string, replace: boolean) => Promise<string>;
  /** What the user can do with the file once it is written (a button beside "done"). */
  doneAction?: { label: string; run: (path: string) => void };
  onClose: () => void;
}

/** The path after the suggestion changed from `previous` to `next`: the new suggestion
 * when the path is empty or still the old one; else the path with the new suggestion's
 * extension in place of the old one's (when it had that extension). */
export function followSuggestion(current: string, previous: string | null, next: string): string {
  if (current === "" || current === previous) return next;
  const extension = (path: string | null) => /\.[A-Za-z0-9]+$/.exec(path ?? "")?.[0] ?? null;
  const old = extension(previous);
  const fresh = extension(next);
  if (old !== null && fresh !== null && current.toLowerCase().endsWith(old.toLowerCase())) {
    return current.slice(0, current.length - old.length) + fresh;
  }
  return current;
}

export function SaveFileDialog(props: Props) {
  const { id, suggestedName, pick, save } = props;
  const client = useClient();
  // One field: whatever goes wrong (no path, a file that cannot be written) is said at the path.
  const form = useForm<"path">({ errorsAt: "path" });
  const [path, setPath] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const [written, setWritten] = useState<string | null>(null);
  // The path the user agreed to replace (in the native dialog, or after our question).
  const [replaceable, setReplaceable] = useState<string | null>(null);
  // The path that exists and is waiting for the user's answer.
  const [asking, setAsking] = useState<string | null>(null);

  // The last suggestion, to tell an untouched path from one the user typed or chose.
  const suggested = useRef<string | null>(null);
  useEffect(() => {
    let live = true;
    client.suggestPath(suggestedName).then(
      (p) => {
        if (!live) return;
        const previous = suggested.current;
        suggested.current = p;
        setPath((current) => followSuggestion(current, previous, p));
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client, suggestedName]);

  // Other choices make another file: what was said about the last one no longer holds.
  const [subject, setSubject] = useState(props.subject);
  if (subject !== props.subject) {
    setSubject(props.subject);
    setDone(null);
    setAsking(null);
  }

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
        setWritten(target);
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
          <>
            <p className="notice-inline" role="status" data-testid={`${id}-done`}>
              {done}
            </p>
            {props.doneAction && written !== null && (
              <button
                type="button"
                className="button"
                onClick={() => props.doneAction?.run(written)}
                data-testid={`${id}-done-action`}
              >
                {props.doneAction.label}
              </button>
            )}
          </>
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
