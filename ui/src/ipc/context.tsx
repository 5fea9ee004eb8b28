// Gives components the backend client; tests provide a fake one.
import { createContext, useContext } from "react";
import { client as realClient, type Client } from "./client";

export const ClientContext = createContext<Client>(realClient);

export function useClient(): Client {
  return useContext(ClientContext);
}
