#!/usr/bin/env bash
# Offline checks of everything under terraform/:
#   1. terraform fmt -check -recursive; every checkov control fixed or waived in code
#      (scripts/infra/check-checkov-controls.mjs); saved plans git-ignored
#   2. for every module, environment and the bootstrap root: init -backend=false, validate, the
#      resource ordering of tests/ordering.txt (terraform graph), and terraform test
#      (plan-only tests against a mocked AWS provider: no credentials, no network to AWS)
#
# Usage: bash scripts/test-infra.sh [terraform/<dir> ...]   (default: every module and environment)
#
# Environment:
#   CATALOG_SKIP_INFRA_TESTS=1     skip these checks (exit 0), e.g. on machines without Terraform
#   CATALOG_TF_PROVIDER_MIRROR=dir use this filesystem mirror for hashicorp/aws; otherwise a mirror is
#                                  looked for (scripts/infra/find-provider-mirror.sh) and, when none
#                                  exists, Terraform downloads the provider from the registry
#   CATALOG_INFRA_TEST_JOBS=n      folders checked in parallel (default 2)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tf_root="$repo_root/terraform"
min_terraform="1.11"

log() { printf '[test:infra] %s\n' "$*" >&2; }
fail() {
  log "ERROR: $*"
  exit 1
}

if [ "${CATALOG_SKIP_INFRA_TESTS:-0}" = "1" ]; then
  log "skipped (CATALOG_SKIP_INFRA_TESTS=1)"
  exit 0
fi

command -v node >/dev/null 2>&1 || fail "node is not on PATH: run 'source scripts/bootstrap.sh' first."

if ! command -v terraform >/dev/null 2>&1; then
  fail "terraform is not on PATH. Install Terraform >= $min_terraform (https://developer.hashicorp.com/terraform/install), or set CATALOG_SKIP_INFRA_TESTS=1 to skip the infrastructure tests."
fi

# No update checks or interactive prompts, and nothing sent anywhere but the provider registry.
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1 TF_INPUT=0

version_json="$(terraform version -json 2>/dev/null)"
tf_version="$(printf '%s' "$version_json" | sed -n 's/.*"terraform_version": *"\([0-9][0-9.]*\)[^"]*".*/\1/p' | head -n 1)"
platform="$(printf '%s' "$version_json" | sed -n 's/.*"platform": *"\([a-z0-9_]*\)".*/\1/p' | head -n 1)"
tf_major="${tf_version%%.*}"
tf_minor="$(printf '%s' "$tf_version" | cut -d. -f2)"
if [ -z "$tf_version" ] || [ "$tf_major" -lt 1 ] || { [ "$tf_major" -eq 1 ] && [ "$tf_minor" -lt 11 ]; }; then
  fail "Terraform ${tf_version:-of unknown version} found; the tests need >= $min_terraform (mock providers with override_during)."
fi

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/catalog-infra.XXXXXX")"
mkdir -p "$work_dir/locks"

# terraform init writes .terraform.lock.hcl next to the code. Leave every folder as it was found:
# put back a lock file that existed, remove one that did not.
restore_lock_files() {
  local marker dir
  for marker in "$work_dir"/locks/*.dir; do
    [ -f "$marker" ] || continue
    dir="$(cat "$marker")"
    if [ -f "${marker%.dir}.lock" ]; then
      cp -p "${marker%.dir}.lock" "$dir/.terraform.lock.hcl"
    else
      rm -f "$dir/.terraform.lock.hcl"
    fi
  done
}
cleanup() {
  restore_lock_files
  rm -rf "$work_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- provider installation ---------------------------------------------------------------
mirror="${CATALOG_TF_PROVIDER_MIRROR:-}"
if [ -n "$mirror" ]; then
  [ -d "$mirror" ] || fail "CATALOG_TF_PROVIDER_MIRROR=$mirror is not a folder."
else
  mirror="$(bash "$repo_root/scripts/infra/find-provider-mirror.sh" "$platform")"
fi

if [ -n "$mirror" ]; then
  # The plugin cache links the (large) provider once instead of copying it into every folder.
  mkdir -p "$work_dir/plugin-cache"
  cat >"$work_dir/terraformrc" <<EOF
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
plugin_cache_dir = "$work_dir/plugin-cache"
EOF
  export TF_CLI_CONFIG_FILE="$work_dir/terraformrc"
  unset TF_PLUGIN_CACHE_DIR
  log "terraform $tf_version ($platform), hashicorp/aws from the filesystem mirror $mirror"
else
  if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -f "$TF_CLI_CONFIG_FILE" ]; then
    unset TF_CLI_CONFIG_FILE
  fi
  export TF_PLUGIN_CACHE_DIR="${TF_PLUGIN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/catalog/terraform-plugins}"
  mkdir -p "$TF_PLUGIN_CACHE_DIR"
  log "terraform $tf_version ($platform), no provider mirror found: downloading hashicorp/aws (cached in $TF_PLUGIN_CACHE_DIR)"
fi

# --- what to check -------------------------------------------------------------------------
dirs=()
if [ "$#" -gt 0 ]; then
  for arg in "$@"; do
    # A folder relative to the current directory, or to the repository root.
    dir="$(cd "$arg" 2>/dev/null && pwd)" || dir="$(cd "$repo_root" && cd "$arg" 2>/dev/null && pwd)" ||
      fail "no such folder: $arg"
    case "$dir" in "$tf_root"/*) ;; *) fail "$arg is not under terraform/" ;; esac
    dirs+=("$dir")
  done
else
  for dir in "$tf_root"/modules/*/ "$tf_root"/environments/*/ "$tf_root"/bootstrap/; do
    [ -f "$dir/versions.tf" ] && dirs+=("${dir%/}")
  done
fi
[ "${#dirs[@]}" -gt 0 ] || fail "nothing to check under $tf_root"

started_at="$(date +%s)"
failures=0

# --- 1. formatting -------------------------------------------------------------------------
if terraform fmt -check -recursive -diff "$tf_root" >"$work_dir/fmt.log" 2>&1; then
  log "ok    terraform fmt -check -recursive terraform"
else
  cat "$work_dir/fmt.log" >&2
  log "FAIL  terraform fmt -check: run 'terraform fmt -recursive terraform'"
  failures=$((failures + 1))
fi

if node "$repo_root/scripts/infra/check-checkov-controls.mjs" >"$work_dir/checkov.log" 2>&1; then
  log "ok    $(tail -n 1 "$work_dir/checkov.log")"
else
  cat "$work_dir/checkov.log" >&2
  log "FAIL  checkov controls: fix the resource or waive the control with '#checkov:skip=<id>:<reason>' (scripts/infra/checkov-controls.json)"
  failures=$((failures + 1))
fi

# The runbook saves plans as tfplan: they hold the state's values and must never be committed.
if git -C "$repo_root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  for ignored in terraform/environments/dev/tfplan terraform/bootstrap/terraform.tfstate; do
    if ! git -C "$repo_root" check-ignore -q "$ignored"; then
      log "FAIL  $ignored is not git-ignored"
      failures=$((failures + 1))
    fi
  done
fi

# --- 2. init, validate, test ---------------------------------------------------------------
slug() { printf '%s' "${1#"$tf_root"/}" | tr '/' '_'; }

init_dir() {
  local dir="$1" id
  id="$(slug "$dir")"
  if [ ! -f "$work_dir/locks/$id.dir" ]; then
    [ -f "$dir/.terraform.lock.hcl" ] && cp -p "$dir/.terraform.lock.hcl" "$work_dir/locks/$id.lock"
    printf '%s' "$dir" >"$work_dir/locks/$id.dir"
  fi
  (cd "$dir" && TF_DATA_DIR="$work_dir/data/$id" terraform init -backend=false -input=false -no-color) \
    >"$work_dir/$id.init.log" 2>&1
}

check_dir() {
  local dir="$1" id
  id="$(slug "$dir")"
  (
    cd "$dir"
    export TF_DATA_DIR="$work_dir/data/$id"
    # terraform test validates a module itself; roots are also validated on their own.
    case "$dir" in "$tf_root"/environments/* | "$tf_root"/bootstrap) terraform validate -no-color ;; esac
    # What must be created before what (depends_on included), which a plan-only test cannot see.
    if [ -f tests/ordering.txt ]; then
      terraform graph >"$work_dir/$id.dot"
      node "$repo_root/scripts/infra/check-ordering.mjs" "$work_dir/$id.dot" tests/ordering.txt
    fi
    terraform test -no-color
  ) >"$work_dir/$id.log" 2>&1
}

# Installing providers is not safe to run concurrently against one plugin cache: init in turn.
ready=()
for dir in "${dirs[@]}"; do
  if init_dir "$dir"; then
    ready+=("$dir")
  else
    cat "$work_dir/$(slug "$dir").init.log" >&2
    log "FAIL  ${dir#"$repo_root"/}: terraform init"
    failures=$((failures + 1))
  fi
done

jobs_max="${CATALOG_INFRA_TEST_JOBS:-2}"
case "$jobs_max" in '' | *[!0-9]* | 0) jobs_max=2 ;; esac
total_runs=0
total_asserts=0

report() {
  local dir="$1" status="$2" began="$3" id summary runs asserts
  id="$(slug "$dir")"
  summary="$(grep -E '^(Success|Failure)!' "$work_dir/$id.log" | tail -n 1 || true)"
  if [ "$status" -eq 0 ]; then
    runs="$(printf '%s' "$summary" | sed -n 's/.* \([0-9][0-9]*\) passed.*/\1/p')"
    asserts="$(cat "$dir"/tests/*.tftest.hcl 2>/dev/null | grep -cE '^[[:space:]]*assert[[:space:]]*\{' || true)"
    total_runs=$((total_runs + ${runs:-0}))
    total_asserts=$((total_asserts + ${asserts:-0}))
    log "ok    ${dir#"$repo_root"/}: valid, ${runs:-0} test runs passed ($(($(date +%s) - began))s)"
  else
    cat "$work_dir/$id.log" >&2
    log "FAIL  ${dir#"$repo_root"/}: ${summary:-terraform validate/test failed}"
    failures=$((failures + 1))
  fi
}

pids=()
pid_dirs=()
pid_starts=()
next=0
while [ "$next" -lt "${#ready[@]}" ] || [ "${#pids[@]}" -gt 0 ]; do
  while [ "$next" -lt "${#ready[@]}" ] && [ "${#pids[@]}" -lt "$jobs_max" ]; do
    check_dir "${ready[$next]}" &
    pids+=("$!")
    pid_dirs+=("${ready[$next]}")
    pid_starts+=("$(date +%s)")
    next=$((next + 1))
  done
  # Collect the oldest job first so results print in a stable order.
  status=0
  wait "${pids[0]}" || status=$?
  report "${pid_dirs[0]}" "$status" "${pid_starts[0]}"
  pids=("${pids[@]:1}")
  pid_dirs=("${pid_dirs[@]:1}")
  pid_starts=("${pid_starts[@]:1}")
done

elapsed=$(($(date +%s) - started_at))
if [ "$failures" -gt 0 ]; then
  log "FAILED: $failures check(s) failed after ${elapsed}s"
  exit 1
fi
log "passed: ${#dirs[@]} folders, $total_runs test runs ($total_asserts assertions) in ${elapsed}s"
