// File ▸ New workspace…: where the new workspace file goes (typed, or chosen in the
// native save dialog). The workspace is created empty, named after its file, and opened
// in place of the current one.
import { WORKSPACE_EXTENSION, type WorkspaceInfo } from "../../ipc/client";
import { useClient } from "../../ipc/context";
import { SaveFileDialog } from "../../components/SaveFileDialog";

/** `path` with the workspace extension when the user typed none. */
export function withWorkspaceExtension(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? "";
  return /\.[A-Za-z0-9]+$/.test(name) ? path : `${path}.${WORKSPACE_EXTENSION}`;
}

export function NewWorkspaceDialog({
  onCreated,
  onClose,
}: {
  onCreated: (info: WorkspaceInfo) => void;
  onClose: () => void;
}) {
  const client = useClient();
  return (
    <SaveFileDialog
      id="new-workspace"
      title="New workspace"
      suggestedName={`Untitled.${WORKSPACE_EXTENSION}`}
      submitLabel="Create"
      busyLabel="Creating…"
      what="new, empty workspace"
      pick={client.pickNewWorkspacePath}
      save={async (path, replace) => {
        const info = await client.newWorkspace(withWorkspaceExtension(path), replace);
        onCreated(info);
        return `Created ${info.name}`;
      }}
      onClose={onClose}
    >
      <p className="muted">
        An empty workspace in one file of its own, named after the file. The workspace open now is saved as it is and
        closed.
      </p>
    </SaveFileDialog>
  );
}
