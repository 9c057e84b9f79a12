#!/usr/bin/env bash
# Markdown job summary of a `terraform show -no-color` plan: the change counts, the resources that are
# replaced or destroyed (what the runbook says to stop at), and the plan itself folded away.
# Usage: plan-summary.sh <environment> <plan.txt>
set -euo pipefail
environment="$1"
plan="$2"
limit=60000

echo "### terraform plan: ${environment}"
if [ ! -s "$plan" ]; then
  echo "No plan was produced (see the job log)."
  exit 0
fi
grep -E '^(Plan:|No changes\.)' "$plan" || echo "No change count found in the plan."
risky="$(grep -E '^ +# .* (must be replaced|will be destroyed)' "$plan" || true)"
if [ -n "$risky" ]; then
  echo
  echo "**Replaced or destroyed (review before applying):**"
  echo '```'
  echo "$risky" | sed -E 's/^ +//'
  echo '```'
fi
echo
echo "<details><summary>Full plan</summary>"
echo
echo '```'
head -c "$limit" "$plan"
if [ "$(wc -c < "$plan")" -gt "$limit" ]; then echo; echo "... truncated; the whole plan is the job's artifact"; fi
echo '```'
echo "</details>"
