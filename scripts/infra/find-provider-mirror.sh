#!/usr/bin/env bash
# Prints the root folder of a Terraform filesystem mirror that holds hashicorp/aws for the given
# platform, or nothing (exit 0) when there is none. Well-known folders are checked first, then a
# bounded search of a few system and home folders.
#
# Usage: scripts/infra/find-provider-mirror.sh <os_arch>      e.g. linux_amd64, darwin_arm64
set -euo pipefail

platform="${1:?usage: find-provider-mirror.sh <os_arch>}"
provider_path="registry.terraform.io/hashicorp/aws"

# A mirror holds the provider either unpacked (<version>/<platform>/terraform-provider-aws*) or
# packed (terraform-provider-aws_<version>_<platform>.zip).
holds_aws() {
  local dir="$1"
  [ -d "$dir/$provider_path" ] || return 1
  compgen -G "$dir/$provider_path/*/$platform/terraform-provider-aws*" >/dev/null && return 0
  compgen -G "$dir/$provider_path/terraform-provider-aws_*_$platform.zip" >/dev/null && return 0
  return 1
}

home="${HOME:-}"
well_known=(
  /opt/tf-plugins
  "$home/.terraform.d/plugins"
  "${XDG_DATA_HOME:-$home/.local/share}/terraform/plugins"
  /usr/local/share/terraform/plugins
  /usr/share/terraform/plugins
)
for dir in "${well_known[@]}"; do
  if [ -n "$dir" ] && holds_aws "$dir"; then
    printf '%s\n' "$dir"
    exit 0
  fi
done

search_roots=()
for dir in /opt /usr/local /usr/share /srv "$home"; do
  [ -n "$dir" ] && [ -d "$dir" ] && search_roots+=("$dir")
done
[ "${#search_roots[@]}" -gt 0 ] || exit 0

# Provider install folders of initialised roots (.terraform) hold symlinks, not mirrors.
while IFS= read -r hit; do
  dir="${hit%%/"$provider_path"/*}"
  if holds_aws "$dir"; then
    printf '%s\n' "$dir"
    exit 0
  fi
done < <(find "${search_roots[@]}" -maxdepth 8 \
  \( -name proc -o -name sys -o -name node_modules -o -name .git -o -name .terraform -o -name .cache \) -prune \
  -o -path "*/$provider_path/*" -name 'terraform-provider-aws*' -print 2>/dev/null || true)

exit 0
