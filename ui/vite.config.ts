/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The UI is served by Vite in development and embedded in the app binary for release.
export default defineConfig({
  plugins: [react()],
  // The app freezes Object.prototype; tslib's __extends cannot run under it (see the shim).
  resolve: {
    alias: [{ find: /^tslib$/, replacement: "/shims/tslib.mjs" }],
  },
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    // The one large chunk is the charts' (ECharts), loaded only when a chart is shown.
    chunkSizeWarningLimit: 600,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    css: false,
  },
});
