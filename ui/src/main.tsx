import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { client } from "./ipc/client";
import { PresenterWindow } from "./features/present/PresenterWindow";
import "./styles.css";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(<StrictMode>{client.isPresenterWindow() ? <PresenterWindow /> : <App />}</StrictMode>);
}
