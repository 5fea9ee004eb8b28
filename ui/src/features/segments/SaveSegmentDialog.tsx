// Name a segment to find it again: saves the filters in force and the chosen cell (or
// renames a saved segment, keeping what it selects).
import { useState } from "react";
import type { SavedSegment, SavedSegmentInput, SegmentId } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { FormDialog, useForm } from "../../components/FormDialog";

interface Props {
  input: SavedSegmentInput;
  /** What the segment selects, in words. */
  description: string;
  /** Renaming this saved segment rather than saving a new one. */
  renaming?: SegmentId;
  onSaved: (segment: SavedSegment) => void;
  onClose: () => void;
}

export function SaveSegmentDialog({ input, description, renaming, onSaved, onClose }: Props) {
  const client = useClient();
  // One field: whatever goes wrong (an empty or taken name) is said at the name.
  const form = useForm<"name">({ errorsAt: "name" });
  const [name, setName] = useState(input.name);

  function submit() {
    if (name.trim() === "") {
      form.setErrors({ name: "Give the segment a name" });
      return;
    }
    void form.run(async () => {
      const next = { ...input, name: name.trim() };
      onSaved(renaming === undefined ? await client.saveSegment(next) : await client.updateSegment(renaming, next));
    });
  }

  return (
    <FormDialog
      form={form}
      testId="save-segment-dialog"
      title={renaming === undefined ? "Save segment" : "Rename segment"}
      onSubmit={submit}
      onCancel={onClose}
      submitLabel={renaming === undefined ? "Save segment" : "Rename"}
      submitTestId="segment-save"
    >
      <p className="muted">{description}</p>
      <div className="field">
        <label htmlFor={form.fieldId("name")}>Name</label>
        <input
          {...form.fieldProps("name")}
          value={name}
          maxLength={120}
          autoFocus
          onChange={(e) => {
            setName(e.target.value);
            form.clear("name");
          }}
          data-testid="segment-name"
        />
        {form.fieldError("name")}
      </div>
    </FormDialog>
  );
}
