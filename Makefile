# Successmap: every command a developer or CI runs. `make run` and `make test` each
# do all set-up on a fresh Debian/Ubuntu machine first (see README).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

APP_BIN := target/release/successmap-app
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PACKAGES := libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev \
	libayatana-appindicator3-dev librsvg2-dev pkg-config xvfb xauth webkit2gtk-driver \
	x11-utils xdotool imagemagick libclang-dev
NODE_MIN_MAJOR := 20
CARGO_BIN := $(HOME)/.cargo/bin
export PATH := $(CARGO_BIN):$(PATH)

.PHONY: help setup system-deps node-deps tauri-driver ui app run test lint fmt unit ui-test e2e bindings clean

help:
	@echo "make run     set up, build and open Successmap on the default workspace"
	@echo "make test    set up, then run every check and test (what CI runs)"
	@echo "make lint | unit | ui-test | e2e | bindings | fmt | app"

## Set-up ----------------------------------------------------------------------

setup: system-deps node-deps

# System packages: installed with apt only when one is missing.
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if ! command -v node >/dev/null; then missing="$$missing nodejs npm"; fi; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -q; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi
	@major=$$(node -p 'process.versions.node.split(".")[0]'); \
	if [ "$$major" -lt $(NODE_MIN_MAJOR) ]; then \
	  echo "Node.js $(NODE_MIN_MAJOR) or newer is needed (found $$(node --version))"; exit 1; fi
	@command -v cargo >/dev/null || { echo "Rust (cargo) is needed: https://rustup.rs"; exit 1; }

# npm packages, exactly as locked; reinstalled only when the lock file changed.
node-deps: ui/node_modules/.package-lock.json

ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	@touch $@

tauri-driver:
	@command -v tauri-driver >/dev/null || cargo install tauri-driver --locked --version 2.1.0

## Build -----------------------------------------------------------------------

ui: node-deps
	cd ui && npm run build

# The release app with the UI embedded (no dev server), and the headless CLI.
app: ui
	cargo build --release -p successmap-app --features custom-protocol
	cargo build --release --bin successmap

run: setup app
	$(APP_BIN)

## Checks and tests ------------------------------------------------------------

test: setup tauri-driver lint unit ui-test app e2e
	@echo "All checks and tests passed."

fmt:
	cargo fmt --all

lint: node-deps
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cd ui && npx tsc --noEmit
	cd ui && npm run --silent lint

# Rust unit and integration tests (core against in-memory SQLite, shell, bindings
# freshness, the CLI binary).
unit:
	cargo test --workspace --exclude successmap-e2e

ui-test: node-deps
	cd ui && npm test --silent

# End-to-end tests of the real release app through tauri-driver + WebKitWebDriver under Xvfb.
e2e: tauri-driver
	@test -x $(APP_BIN) || { echo "$(APP_BIN) is missing: run 'make app' first"; exit 1; }
	xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p successmap-e2e -- --test-threads=1

# Regenerates ui/src/ipc/bindings.ts from the command registry.
bindings:
	SUCCESSMAP_WRITE_BINDINGS=1 cargo test -p successmap-app --lib checked_in_bindings_are_up_to_date

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules tests/artifacts
