#!/usr/bin/env bash
# Runs a workspace tool for a git hook (lefthook.yml): git may start hooks from a shell without Node 22 and
# pnpm on PATH, so put them there first (scripts/bootstrap.sh, without installing anything). When the
# tools are not there at all, say so and let the commit through: the hooks are a convenience, CI decides.
# Usage: with-tools.sh <command> [args...]   e.g. with-tools.sh prettier --check a.ts
cd "$(git rev-parse --show-toplevel)" || exit 0
# shellcheck source=../bootstrap.sh
if ! CATALOG_SKIP_INSTALL=1 source scripts/bootstrap.sh >/dev/null 2>&1 || [ ! -d node_modules ]; then
  echo "[hooks] Node 22/pnpm or node_modules missing: skipping '$1' (run: source scripts/bootstrap.sh)" >&2
  exit 0
fi
exec pnpm exec "$@"
