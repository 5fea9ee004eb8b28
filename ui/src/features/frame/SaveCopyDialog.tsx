// Save a copy of the open workspace: one consistent file, taken while editing goes on,
// to keep, mail or open elsewhere. The open workspace stays the one being edited.
import { useClient } from "../../ipc/context";
import { SaveFileDialog } from "../../components/SaveFileDialog";

interface Props {
  name: string;
  /** Opens the copy in place of the open workspace (offered once it is written). */
  onOpen: (path: string) => void;
  onClose: () => void;
}

export function SaveCopyDialog({ name, onOpen, onClose }: Props) {
  const client = useClient();
  const date = new Date().toISOString().slice(0, 10);
  const stem = name.trim() === "" ? "workspace" : name.trim().replace(/[\\/:*?"<>|]+/g, "-");
  return (
    <SaveFileDialog
      id="copy"
      title="Save a copy of the workspace"
      suggestedName={`${stem} copy ${date}.successmap`}
      submitLabel="Save copy"
      busyLabel="Saving…"
      what="copy"
      pick={client.pickCopyPath}
      save={async (path, replace) => {
        await client.saveCopy(path, replace);
        return `Saved a copy to ${path}`;
      }}
      doneAction={{ label: "Open the copy", run: onOpen }}
      onClose={onClose}
    >
      <p className="muted">
        Everything in the workspace as it is now, in one file: personas, maps, customers and saved segments. You keep
        working in the open workspace.
      </p>
    </SaveFileDialog>
  );
}
