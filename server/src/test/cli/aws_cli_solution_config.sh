#!/usr/bin/env bash
# The solution configuration the Debian AWS CLI v2 (2.9.19) knows, against a Tastemaker server. That
# CLI models solutionConfig.optimizationObjective and eventValueThreshold but not eventsConfig,
# trainingDataConfig, performAutoTraining or UpdateSolution (those are tested with boto3 and the SDK).
#
# Usage: aws_cli_solution_config.sh http://127.0.0.1:PORT
#
# Imports 1,200 clicks and views with an Items dataset that has a numeric PRICE and a string GENRES;
# create-solution with optimizationObjective PRICE HIGH is echoed by describe-solution and trains
# ACTIVE; optimizationObjective GENRES and an unknown column are refused naming the member and the
# value. Prints "ok ..." per step; a failed check prints "FAIL <step>: ..." and exits 1.
set -euo pipefail

if [[ $# -ne 1 || ! "$1" =~ ^https?:// ]]; then
  echo "usage: $0 http://127.0.0.1:PORT" >&2
  exit 2
fi
URL="${1%/}"
if ! AWS=$(dpkg -L awscli 2>/dev/null | grep 'bin/aws$' | head -n 1) || [[ ! -x "$AWS" ]]; then
  echo "FAIL: the Debian AWS CLI v2 is not installed (apt-get install awscli)" >&2
  exit 2
fi

WORK=$(mktemp -d)
export AWS_ACCESS_KEY_ID=AKIDTEST AWS_SECRET_ACCESS_KEY=secret AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
export AWS_CONFIG_FILE="$WORK/config" AWS_SHARED_CREDENTIALS_FILE="$WORK/credentials"
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_DEFAULT_OUTPUT AWS_CA_BUNDLE || true

PREFIX="clicfg-$(python3 -c 'import secrets; print(secrets.token_hex(3))')-"
ROLE="arn:aws:iam::000000000000:role/x"
HRNN="arn:aws:personalize:::recipe/aws-hrnn"
STEP="start"

say() { printf 'ok   %s\n' "$*"; }
fail() {
  printf 'FAIL %s: %s\n' "$STEP" "$*" >&2
  exit 1
}
step() { STEP="$*"; }
pz() { "$AWS" --endpoint-url "$URL" --output json personalize "$@"; }
json() { python3 -c 'import json, sys; d = json.load(sys.stdin); v = eval(sys.argv[1]); print(v if isinstance(v, str) else json.dumps(v))' "$1"; }

wait_active() {
  local what="$1" out status deadline=$((SECONDS + 300))
  shift
  while :; do
    out=$(pz "$@")
    status=$(json "d['$what']['status']" <<<"$out")
    case "$status" in
      ACTIVE) DESCRIBED="$out"; return 0 ;;
      "CREATE PENDING" | "CREATE IN_PROGRESS") ;;
      *) fail "$what is '$status': $(json "d['$what'].get('failureReason', '')" <<<"$out")" ;;
    esac
    ((SECONDS < deadline)) || fail "$what still '$status' after 300 s"
    sleep 0.3
  done
}

# refused WANTED ARGS...: the create-solution call fails with InvalidInputException and a message containing WANTED.
refused() {
  local wanted="$1" out
  shift
  if out=$(pz create-solution "$@" 2>&1); then
    fail "accepted: $out"
  fi
  [[ "$out" == *InvalidInputException* && "$out" == *"$wanted"* ]] || fail "expected InvalidInputException with '$wanted', got: $out"
}

step "datasets"
python3 - "$WORK" <<'PY'
import sys
work = sys.argv[1]
with open(f"{work}/interactions.csv", "w") as f:
    f.write("USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP\n")
    for k in range(1200):
        f.write(f"u{k % 40:02d},i{(k * 7) % 45:02d},{'click' if k % 4 else 'view'},{1700000000 + k}\n")
with open(f"{work}/items.csv", "w") as f:
    f.write("ITEM_ID,GENRES,PRICE\n")
    for i in range(45):
        f.write(f"i{i:02d},G{i % 5},{(i * 37) % 100}.5\n")
PY
GROUP=$(pz create-dataset-group --name "${PREFIX}g" --query datasetGroupArn --output text)
wait_active datasetGroup describe-dataset-group --dataset-group-arn "$GROUP"
import() {
  local type="$1" schema="$2" file="$3" schema_arn dataset job
  schema_arn=$(pz create-schema --name "${PREFIX}${type}" --schema "$schema" --query schemaArn --output text)
  dataset=$(pz create-dataset --name "${PREFIX}${type}" --dataset-type "$type" --dataset-group-arn "$GROUP" --schema-arn "$schema_arn" --query datasetArn --output text)
  wait_active dataset describe-dataset --dataset-arn "$dataset"
  job=$(pz create-dataset-import-job --job-name "${PREFIX}${type}" --dataset-arn "$dataset" --role-arn "$ROLE" \
    --data-source "{\"dataLocation\": \"file://$file\"}" --query datasetImportJobArn --output text)
  wait_active datasetImportJob describe-dataset-import-job --dataset-import-job-arn "$job"
}
import Interactions '{"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":[{"name":"USER_ID","type":"string"},{"name":"ITEM_ID","type":"string"},{"name":"EVENT_TYPE","type":"string"},{"name":"TIMESTAMP","type":"long"}],"version":"1.0"}' "$WORK/interactions.csv"
import Items '{"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[{"name":"ITEM_ID","type":"string"},{"name":"GENRES","type":"string","categorical":true},{"name":"PRICE","type":"float"}],"version":"1.0"}' "$WORK/items.csv"
say "Interactions and Items imported"

step "optimizationObjective"
SOLUTION=$(pz create-solution --name "${PREFIX}obj" --dataset-group-arn "$GROUP" --recipe-arn "$HRNN" \
  --solution-config '{"optimizationObjective": {"itemAttribute": "PRICE", "objectiveSensitivity": "HIGH"}, "algorithmHyperParameters": {"hidden_dimension": "32", "epochs": "2"}}' \
  --query solutionArn --output text)
wait_active solution describe-solution --solution-arn "$SOLUTION"
[[ $(json "d['solution']['solutionConfig']['optimizationObjective']" <<<"$DESCRIBED") == '{"itemAttribute": "PRICE", "objectiveSensitivity": "HIGH"}' ]] ||
  fail "describe-solution: $DESCRIBED"
VERSION=$(pz create-solution-version --solution-arn "$SOLUTION" --query solutionVersionArn --output text)
wait_active solutionVersion describe-solution-version --solution-version-arn "$VERSION"
say "optimizationObjective PRICE HIGH echoed and trained ACTIVE"

step "refusals"
refused "solutionConfig.optimizationObjective.itemAttribute GENRES must be a numeric Items column" \
  --name "${PREFIX}bad1" --dataset-group-arn "$GROUP" --recipe-arn "$HRNN" --solution-config '{"optimizationObjective": {"itemAttribute": "GENRES"}}'
refused "solutionConfig.optimizationObjective.itemAttribute COST is not a column of the Items dataset's schema" \
  --name "${PREFIX}bad2" --dataset-group-arn "$GROUP" --recipe-arn "$HRNN" --solution-config '{"optimizationObjective": {"itemAttribute": "COST"}}'
say "a string and an unknown itemAttribute refused naming the member and the value"
echo "aws cli solution config: all checks passed"
