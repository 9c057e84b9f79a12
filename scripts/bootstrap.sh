# shellcheck shell=bash
# Puts Node 22 and pnpm 10 on PATH and installs the workspace's dependencies.
# Source it (`source scripts/bootstrap.sh`): a machine that already has both keeps its own;
# otherwise both are installed from the npm registry into .tools/ (no root, no nodejs.org download).
# Set CATALOG_SKIP_INSTALL=1 to skip `pnpm install`.

_catalog_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_catalog_tools="$_catalog_root/.tools"
_catalog_node_major="$(tr -d ' \nv' < "$_catalog_root/.nvmrc")"
_catalog_pnpm_version="$(sed -n 's/.*"packageManager": *"pnpm@\([^"+]*\).*/\1/p' "$_catalog_root/package.json")"

_catalog_log() { printf '[bootstrap] %s\n' "$*" >&2; }

_catalog_node_ok() {
  command -v node >/dev/null 2>&1 && [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null)" = "$_catalog_node_major" ]
}

if [ -x "$_catalog_tools/node/bin/node" ]; then
  export PATH="$_catalog_tools/node/bin:$PATH"
fi
if ! _catalog_node_ok; then
  command -v npm >/dev/null 2>&1 || { _catalog_log "npm is required to install Node $_catalog_node_major (install any Node.js with npm first)"; return 1 2>/dev/null || exit 1; }
  case "$(uname -s)" in Linux) _os=linux ;; Darwin) _os=darwin ;; *) _catalog_log "unsupported OS $(uname -s)"; return 1 2>/dev/null || exit 1 ;; esac
  case "$(uname -m)" in x86_64|amd64) _arch=x64 ;; aarch64|arm64) _arch=arm64 ;; *) _catalog_log "unsupported CPU $(uname -m)"; return 1 2>/dev/null || exit 1 ;; esac
  _catalog_log "installing Node $_catalog_node_major (node-$_os-$_arch) into .tools/"
  rm -rf "$_catalog_tools/node-pkg"
  npm install --silent --no-audit --no-fund --prefix "$_catalog_tools/node-pkg" "node-$_os-$_arch@$_catalog_node_major" >&2 || { return 1 2>/dev/null || exit 1; }
  mkdir -p "$_catalog_tools/node/bin"
  ln -sf "$_catalog_tools/node-pkg/node_modules/node-$_os-$_arch/bin/node" "$_catalog_tools/node/bin/node"
  export PATH="$_catalog_tools/node/bin:$PATH"
fi

if [ -x "$_catalog_tools/pnpm/node_modules/.bin/pnpm" ]; then
  export PATH="$_catalog_tools/pnpm/node_modules/.bin:$PATH"
fi
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null | cut -d. -f1)" != "${_catalog_pnpm_version%%.*}" ]; then
  _catalog_log "installing pnpm $_catalog_pnpm_version into .tools/"
  npm install --silent --no-audit --no-fund --prefix "$_catalog_tools/pnpm" "pnpm@$_catalog_pnpm_version" >&2 || { return 1 2>/dev/null || exit 1; }
  export PATH="$_catalog_tools/pnpm/node_modules/.bin:$PATH"
fi

_catalog_log "node $(node --version), pnpm $(pnpm --version)"
if [ "${CATALOG_SKIP_INSTALL:-0}" != "1" ]; then
  (cd "$_catalog_root" && pnpm install --frozen-lockfile --prefer-offline >&2) || { return 1 2>/dev/null || exit 1; }
fi
unset _os _arch
