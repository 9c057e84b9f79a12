#!/usr/bin/env bash
# Adds E2E_AUTH_TOKEN to $GITHUB_ENV for the later steps: an OAuth 2.0 client-credentials token when TOKEN_URL,
# CLIENT_ID and CLIENT_SECRET are set (a Cognito app client with the API's scope: TOKEN_SCOPE), else the
# stored STORED_TOKEN. The token is masked in the log. Fails when neither is configured.
set -euo pipefail
if [ -n "${TOKEN_URL:-}" ] && [ -n "${CLIENT_ID:-}" ] && [ -n "${CLIENT_SECRET:-}" ]; then
  token="$(curl --fail --silent --show-error --user "$CLIENT_ID:$CLIENT_SECRET" \
    --data grant_type=client_credentials ${TOKEN_SCOPE:+--data-urlencode "scope=$TOKEN_SCOPE"} \
    "$TOKEN_URL" | jq -r '.access_token // empty')"
elif [ -n "${STORED_TOKEN:-}" ]; then
  token="$STORED_TOKEN"
else
  echo "No E2E credentials: set E2E_TOKEN_URL + E2E_CLIENT_ID + E2E_CLIENT_SECRET, or E2E_AUTH_TOKEN, on the environment" >&2
  exit 1
fi
[ -n "$token" ] || { echo "The token endpoint returned no access_token" >&2; exit 1; }
echo "::add-mask::$token"
echo "E2E_AUTH_TOKEN=$token" >> "$GITHUB_ENV"
