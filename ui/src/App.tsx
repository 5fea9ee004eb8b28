import { useCallback, useEffect, useRef, useState } from "react";
import { BackendError, describeError, type CustomerId, type PersonaId, type Screen } from "./ipc/client";
import { useClient } from "./ipc/context";
import { useLoad } from "./lib/useLoad";
import { CustomersView, type CustomerFilter } from "./features/customers/CustomersView";
import { Brand } from "./components/Brand";
import { Icon } from "./components/Icons";
import { noticeFrom, Notices, type Notice } from "./features/frame/Notices";
import { Sidebar, type View } from "./features/frame/Sidebar";
import { SaveCopyDialog } from "./features/frame/SaveCopyDialog";
import { StatusLine } from "./features/frame/StatusLine";
import type { HistoryAction } from "./features/undo/shortcuts";
import { UndoControls } from "./features/undo/UndoControls";
import { ImportWizard } from "./features/import/ImportWizard";
import { MapView } from "./features/map/MapView";
import { PersonasView } from "./features/personas/PersonasView";
import { Presentation } from "./features/present/Presentation";
import { PresentStartDialog } from "./features/present/PresentStartDialog";
import { SegmentsView } from "./features/segments/SegmentsView";
import { NewWorkspaceDialog } from "./features/document/NewWorkspaceDialog";
import { StartScreen } from "./features/document/StartScreen";
import { isTextEntry, inModal } from "./features/undo/shortcuts";
import type { MenuRequest } from "./lib/menuRequest";

export function App() {
  const client = useClient();
  const [view, setView] = useState<View>("personas");
  const [chosen, setSelected] = useState<PersonaId | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [importing, setImporting] = useState(false);
  const [savingCopy, setSavingCopy] = useState(false);
  const [creatingWorkspace, setCreatingWorkspace] = useState(false);
  // A menu item that the view shown carries out (Find customer, Export ▸ …).
  const [menuRequest, setMenuRequest] = useState<MenuRequest | null>(null);
  // The persona whose map is being presented (full screen, over the current view).
  const [presenting, setPresenting] = useState<PersonaId | null>(null);
  const [presenterWindow, setPresenterWindow] = useState(false);
  // With more than one display, where the slides and the presenter view go is asked first.
  const [startingOn, setStartingOn] = useState<{ personaId: PersonaId; screens: Screen[] } | null>(null);
  const present = useCallback(
    (personaId: PersonaId) => {
      client.listScreens().then(
        (screens) => {
          if (screens.length > 1) setStartingOn({ personaId, screens });
          else {
            setPresenterWindow(false);
            setPresenting(personaId);
          }
        },
        () => {
          setPresenterWindow(false);
          setPresenting(personaId);
        },
      );
    },
    [client],
  );
  // A customer to show when the Customers view opens (from a segment's list).
  const [openCustomer, setOpenCustomer] = useState<CustomerId | null>(null);
  const [customerFilter, setCustomerFilter] = useState<CustomerFilter>({ personaId: null, currentStepId: null });
  const [announcement, setAnnouncement] = useState("");
  // The undo history's notice the user has read (shown again only when it changes).
  const [dismissedNotice, setDismissedNotice] = useState<string | null>(null);
  // Bumped after every change (edit, undo, redo): every screen reloads what it shows.
  const [revision, setRevision] = useState(0);
  const info = useLoad(() => client.workspaceInfo(), [client, revision]);
  const personas = useLoad(() => client.listPersonas(), [client, revision]);
  const undoState = useLoad(() => client.undoState(), [client, revision]);
  const list = personas.data ?? [];

  const report = useCallback((error: unknown) => setNotices((n) => [...n, noticeFrom(error)]), []);
  const refresh = useCallback((select?: PersonaId) => {
    setRevision((r) => r + 1);
    if (select !== undefined) setSelected(select);
  }, []);

  const onHistory = useCallback(
    (action: HistoryAction) => {
      const run = action === "undo" ? client.undo() : client.redo();
      run.then(
        (step) => {
          if (step.label !== null) {
            setAnnouncement(`${action === "undo" ? "Undone" : "Redone"}: ${step.label}`);
            setRevision((r) => r + 1);
          }
        },
        (error: unknown) => {
          report(error);
          setRevision((r) => r + 1);
        },
      );
    },
    [client, report],
  );

  // Another workspace took the window's place: everything shown starts afresh.
  const opened = useCallback(() => {
    setCreatingWorkspace(false);
    setSavingCopy(false);
    setImporting(false);
    setPresenting(null);
    setStartingOn(null);
    setView("personas");
    setSelected(null);
    setOpenCustomer(null);
    setMenuRequest(null);
    setCustomerFilter({ personaId: null, currentStepId: null });
    setNotices([]);
    setDismissedNotice(null);
    setRevision((r) => r + 1);
  }, []);
  const openFile = useCallback(() => {
    client.pickWorkspaceFile().then((path) => {
      if (path !== null) client.openWorkspace(path).then(opened, report);
    }, report);
  }, [client, opened, report]);
  const closeWorkspace = useCallback(() => {
    client.closeWorkspace().then(opened, report);
  }, [client, opened, report]);

  // Another program (the command-line tool, a second window) may change the file: look
  // every few seconds, and reload everything when it did.
  useEffect(() => {
    const timer = setInterval(() => {
      client.changedElsewhere().then(
        (changed) => changed && setRevision((r) => r + 1),
        () => {},
      );
    }, CHANGES_LOOK_MS);
    return () => clearInterval(timer);
  }, [client]);

  // A workspace busy at start (another program is writing to it) is tried again until
  // it opens.
  const waiting = isBusy(info.error);
  const retryInfo = info.reload;
  const retryPersonas = personas.reload;
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => {
      retryInfo();
      retryPersonas();
    }, BUSY_RETRY_MS);
    return () => clearTimeout(timer);
  }, [waiting, info.error, retryInfo, retryPersonas]);

  // A persona stays selected while there is one: the chosen one, else the first.
  const selected = list.some((p) => p.persona.id === chosen) ? chosen : (list[0]?.persona.id ?? null);

  // F5 presents the selected persona's map, from any view.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "F5" || presenting !== null || startingOn !== null || selected === null) return;
      event.preventDefault();
      present(selected);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [presenting, startingOn, selected, present]);

  // The native menu: each item does what its button or key does here.
  const workspaceOpen = info.data !== null && info.error === null;
  const menuActions = useRef<(id: string) => void>(() => {});
  const onMenu = (id: string) => {
    if (id.startsWith("open-recent:")) {
      client.openWorkspace(id.slice("open-recent:".length)).then(opened, report);
      return;
    }
    if (id === "new") setCreatingWorkspace(true);
    else if (id === "open") openFile();
    else if (!workspaceOpen) return;
    else if (id === "undo" || id === "redo") {
      // The menu's key also reaches here from a text field: the field's own history wins.
      if (isTextEntry(document.activeElement)) document.execCommand(id);
      else if (!inModal(document.activeElement)) onHistory(id);
    } else if (id === "save-copy") setSavingCopy(true);
    else if (id === "import") setImporting(true);
    else if (id === "close") closeWorkspace();
    else if (id === "find-customer") {
      setView("customers");
      setMenuRequest({ id, seq: Date.now() });
    } else if (id === "export-customers") {
      setView("customers");
      setMenuRequest({ id, seq: Date.now() });
    } else if (id === "export-map" || id === "export-template") {
      setView("map");
      setMenuRequest({ id, seq: Date.now() });
    } else if (id === "view-personas") setView("personas");
    else if (id === "view-map") setView("map");
    else if (id === "view-customers") setView("customers");
    else if (id === "view-segments") setView("segments");
    else if (id === "present" && selected !== null && presenting === null) present(selected);
  };
  useEffect(() => {
    menuActions.current = onMenu;
  });
  useEffect(() => {
    const unlisten = client.onMenu((id) => menuActions.current(id));
    return () => {
      void unlisten.then((stop) => stop());
    };
  }, [client]);
  const undoLabel = undoState.data?.undoLabel ?? null;
  const redoLabel = undoState.data?.redoLabel ?? null;
  useEffect(() => {
    client.setMenuState({ workspaceOpen, personaSelected: selected !== null, undoLabel, redoLabel }).catch(() => {});
  }, [client, workspaceOpen, selected, undoLabel, redoLabel]);

  if (waiting && info.data === null) {
    return (
      <div className="fatal" role="status" data-testid="workspace-busy">
        <Icon name="clock" size={32} />
        <h1>Waiting for the workspace</h1>
        <p>{(info.error as BackendError).message}</p>
        <p className="muted">Successmap opens it as soon as the other program has finished.</p>
      </div>
    );
  }

  const unavailable = [info.error, personas.error].find(isUnavailable);
  const closed = [info.error, personas.error].some(isClosed);
  if (unavailable || closed) {
    return (
      <div className="app-start">
        <Notices notices={notices} onDismiss={(id) => setNotices((n) => n.filter((x) => x.id !== id))} />
        <StartScreen
          problem={unavailable ? (unavailable as BackendError).message : null}
          onNew={() => setCreatingWorkspace(true)}
          onOpen={openFile}
          onOpened={opened}
        />
        {creatingWorkspace && <NewWorkspaceDialog onCreated={opened} onClose={() => setCreatingWorkspace(false)} />}
      </div>
    );
  }

  const current = list.find((p) => p.persona.id === selected) ?? null;
  const presentingPersona = list.find((p) => p.persona.id === presenting) ?? null;
  const startingPersona = list.find((p) => p.persona.id === startingOn?.personaId) ?? null;

  return (
    <div className="app">
      <header className="app-header">
        <Brand />
        <span className="workspace-name" data-testid="workspace-name">
          {info.data?.name ?? ""}
        </span>
        <button
          type="button"
          className="icon-button header-button"
          onClick={() => setSavingCopy(true)}
          title="Save a copy of the workspace…"
          aria-label="Save a copy of the workspace"
          data-testid="open-save-copy"
        >
          <Icon name="download" size={18} />
        </button>
        <UndoControls state={undoState.data} onAction={onHistory} />
      </header>
      <Sidebar view={view} onView={setView} personas={list} selected={selected} onSelect={setSelected} />
      <main className="content">
        <p className="visually-hidden" role="status" aria-live="polite" data-testid="announcement">
          {announcement}
        </p>
        <Notices notices={notices} onDismiss={(id) => setNotices((n) => n.filter((x) => x.id !== id))} />
        {undoState.data?.notice && undoState.data.notice !== dismissedNotice && (
          <div className="notices">
            <div className="notice notice-info" role="status" data-testid="history-notice">
              <Icon name="info" />
              <p>{undoState.data.notice}</p>
              <button
                type="button"
                className="icon-button"
                aria-label="Dismiss"
                onClick={() => setDismissedNotice(undoState.data?.notice ?? null)}
              >
                <Icon name="close" size={16} />
              </button>
            </div>
          </div>
        )}
        {personas.state === "failed" && (
          <div className="notices">
            <div className="notice notice-error" role="alert" data-testid="error-notice">
              <Icon name="alert" />
              <p>{describeError(personas.error)}</p>
              <button type="button" className="button button-small" onClick={personas.reload}>
                Try again
              </button>
            </div>
          </div>
        )}
        {personas.state === "loading" && personas.data === null ? (
          <p className="loading">Loading…</p>
        ) : view === "personas" ? (
          <PersonasView
            personas={list}
            selected={selected}
            onSelect={setSelected}
            onOpenMap={(id) => {
              setSelected(id);
              setView("map");
            }}
            onChanged={refresh}
            onError={report}
            onImport={() => setImporting(true)}
            busy={personas.state === "loading"}
          />
        ) : view === "map" ? (
          <MapView
            persona={current}
            revision={revision}
            onChanged={refresh}
            onError={report}
            onShowPersonas={() => setView("personas")}
            onShowCustomers={(personaId, stepId) => {
              setCustomerFilter({ personaId, currentStepId: stepId });
              setView("customers");
            }}
            onPresent={() => current && present(current.persona.id)}
            menuRequest={menuRequest}
          />
        ) : view === "customers" ? (
          <CustomersView
            personas={list}
            revision={revision}
            filter={customerFilter}
            onFilter={setCustomerFilter}
            onChanged={refresh}
            onError={report}
            onImport={() => setImporting(true)}
            initialOpen={openCustomer}
            menuRequest={menuRequest}
          />
        ) : (
          <SegmentsView
            personas={list}
            revision={revision}
            onChanged={refresh}
            onError={report}
            onOpenCustomer={(id) => {
              setOpenCustomer(id);
              setCustomerFilter({ personaId: null, currentStepId: null });
              setView("customers");
            }}
            onPresent={present}
          />
        )}
      </main>
      <StatusLine info={info.data} />
      {presentingPersona && (
        <Presentation
          persona={presentingPersona}
          revision={revision}
          presenterWindow={presenterWindow}
          onChanged={refresh}
          onLeave={() => setPresenting(null)}
        />
      )}
      {startingOn && startingPersona && (
        <PresentStartDialog
          persona={startingPersona}
          screens={startingOn.screens}
          onStart={(inOwnWindow) => {
            setPresenterWindow(inOwnWindow);
            setPresenting(startingOn.personaId);
            setStartingOn(null);
          }}
          onClose={() => setStartingOn(null)}
        />
      )}
      {savingCopy && (
        <SaveCopyDialog
          name={info.data?.name ?? ""}
          onOpen={(path) => client.openWorkspace(path).then(opened, report)}
          onClose={() => setSavingCopy(false)}
        />
      )}
      {creatingWorkspace && <NewWorkspaceDialog onCreated={opened} onClose={() => setCreatingWorkspace(false)} />}
      {importing && (
        <ImportWizard
          personas={list}
          onClose={(imported) => {
            setImporting(false);
            if (imported) refresh();
          }}
        />
      )}
    </div>
  );
}

/** How often the app asks whether another program changed the workspace. */
export const CHANGES_LOOK_MS = 2000;
/** How soon a workspace that was busy at start is tried again. */
export const BUSY_RETRY_MS = 1500;

function isBusy(error: unknown): boolean {
  return error instanceof BackendError && error.code === "busy";
}

function isUnavailable(error: unknown): boolean {
  return error instanceof BackendError && error.code === "workspace_unavailable";
}

function isClosed(error: unknown): boolean {
  return error instanceof BackendError && error.code === "no_workspace";
}
