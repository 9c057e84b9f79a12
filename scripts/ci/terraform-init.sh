#!/usr/bin/env bash
# `terraform init` of one environment root in CI: the committed <env>.s3.tfbackend (key, region) with
# the account's values from the workflow's variables: TF_STATE_BUCKET (required), TF_STATE_KMS_KEY_ID and
# TF_STATE_REGION (optional) — the bootstrap root's backend_config output names all three.
# Usage (in terraform/environments/<env>): terraform-init.sh <env>
set -euo pipefail
environment="$1"
: "${TF_STATE_BUCKET:?set the TF_STATE_BUCKET variable (the bootstrap root's state_bucket_name output)}"
args=(-input=false -backend-config="$environment.s3.tfbackend" -backend-config="bucket=$TF_STATE_BUCKET")
if [ -n "${TF_STATE_KMS_KEY_ID:-}" ]; then args+=(-backend-config="kms_key_id=$TF_STATE_KMS_KEY_ID"); fi
if [ -n "${TF_STATE_REGION:-}" ]; then args+=(-backend-config="region=$TF_STATE_REGION"); fi
terraform init "${args[@]}"
