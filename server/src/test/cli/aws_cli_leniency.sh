#!/usr/bin/env bash
# The Debian AWS CLI v2 (package awscli) with Personalize code and data as tutorials write them
# (issue 14's leniency audit), against a Tastemaker server.
#
# Usage: aws_cli_leniency.sh http://127.0.0.1:PORT
#
# With no wait between calls: create-dataset in a new dataset group, create-dataset-import-job on
# the new dataset (a pandas CSV: unnamed index column, a byte order mark, CRLF, lower-case headers,
# a row without TIMESTAMP), create-filter on Interactions.event_type and create-event-tracker in the
# new group, then three create-solution / create-solution-version pairs; everything ends ACTIVE and
# the import's importReport counts the dropped row and the ignored column. An Items CSV with an
# empty and a "2006–2007" int value imports ACTIVE with both read as null. A Users schema with a
# one-type union ["string"]. put-events with the item only inside --event-list's properties, seen
# by a filter on the user's clicks. An unknown featureTransformationParameters key is refused
# naming that member. Prints "ok ..." per step; a failed check prints "FAIL <step>: ..." and exits 1.
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

PREFIX="clilen-$(python3 -c 'import secrets; print(secrets.token_hex(3))')-"
ROLE="arn:aws:iam::000000000000:role/x"
POPULARITY="arn:aws:personalize:::recipe/aws-popularity-count"
STEP="start"

say() { printf 'ok   %s\n' "$*"; }
fail() {
  printf 'FAIL %s: %s\n' "$STEP" "$*" >&2
  exit 1
}
step() { STEP="$*"; }
pz() { "$AWS" --endpoint-url "$URL" --output json personalize "$@"; }
rt() { "$AWS" --endpoint-url "$URL" --output json personalize-runtime "$@"; }
ev() { "$AWS" --endpoint-url "$URL" --output json personalize-events "$@"; }
json() { python3 -c 'import json, sys; d = json.load(sys.stdin); v = eval(sys.argv[1]); print(v if isinstance(v, str) else json.dumps(v))' "$1"; }

# wait_active WHAT DESCRIBE-ARGS...: polls until ACTIVE (60 s); a CREATE FAILED fails the step.
wait_active() {
  local what="$1" out status deadline=$((SECONDS + 60))
  shift
  while :; do
    out=$(pz "$@")
    status=$(json "d['$what']['status']" <<<"$out")
    case "$status" in
      ACTIVE) DESCRIBED="$out"; return 0 ;;
      "CREATE PENDING" | "CREATE IN_PROGRESS") ;;
      *) fail "$what is '$status': $(json "d['$what'].get('failureReason', '')" <<<"$out")" ;;
    esac
    ((SECONDS < deadline)) || fail "$what still '$status' after 60 s"
    sleep 0.3
  done
}

# import_report JOB_ARN: the job's importReport member as JSON. The CLI prints only the members of
# its model, so it is read from the response body the CLI logs with --debug.
import_report() {
  local report
  report=$("$AWS" --endpoint-url "$URL" --debug personalize describe-dataset-import-job --dataset-import-job-arn "$1" 2>&1 >/dev/null |
    python3 -c 'import ast, json, re, sys
for body in re.findall(r"Response body:\s*\n?(b[\x27\x22].*)", sys.stdin.read()):
    raw = ast.literal_eval(body)
    if b"importReport" in raw:
        print(json.dumps(json.loads(raw)["datasetImportJob"]["importReport"]))
        break')
  [[ -n "$report" ]] || fail "no importReport in the response body of $1"
  printf '%s' "$report"
}

step "a pandas CSV"
python3 - "$WORK/interactions.csv" <<'EOF'
import csv, sys
with open(sys.argv[1], "w", encoding="utf-8-sig", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(["", "user_id", "item_id", "event_type", "timestamp"])
    for k in range(1200):
        w.writerow([k, f"u{k % 40:02d}", f"i{(k * 7) % 45:02d}", "click" if k % 4 else "view", "" if k == 7 else 1700000000 + k])
EOF

step "back-to-back creates"
INTERACTIONS='{"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":[{"name":"USER_ID","type":"string"},{"name":"ITEM_ID","type":"string"},{"name":"EVENT_TYPE","type":"string"},{"name":"TIMESTAMP","type":"long"}],"version":"1.0"}'
SCHEMA=$(pz create-schema --name "${PREFIX}inter" --schema "$INTERACTIONS" --query schemaArn --output text)
GROUP=$(pz create-dataset-group --name "${PREFIX}g" --query datasetGroupArn --output text)
DATASET=$(pz create-dataset --name "${PREFIX}d" --dataset-type Interactions --dataset-group-arn "$GROUP" --schema-arn "$SCHEMA" --query datasetArn --output text)
IMPORT=$(pz create-dataset-import-job --job-name "${PREFIX}imp" --dataset-arn "$DATASET" --role-arn "$ROLE" \
  --data-source "{\"dataLocation\": \"file://$WORK/interactions.csv\"}" --query datasetImportJobArn --output text)
FILTER=$(pz create-filter --name "${PREFIX}f" --dataset-group-arn "$GROUP" \
  --filter-expression 'EXCLUDE ItemID WHERE Interactions.event_type IN ("click")' --query filterArn --output text)
TRACKER_OUT=$(pz create-event-tracker --name "${PREFIX}t" --dataset-group-arn "$GROUP")
TRACKER=$(json "d['eventTrackerArn']" <<<"$TRACKER_OUT")
TRACKING_ID=$(json "d['trackingId']" <<<"$TRACKER_OUT")
wait_active datasetImportJob describe-dataset-import-job --dataset-import-job-arn "$IMPORT"
REPORT=$(import_report "$IMPORT")
[[ $(json "(d['rowsImported'], d['rowsDropped'], d['ignoredColumns'])" <<<"$REPORT") == "[1199, 1, [\"$WORK/interactions.csv: ''\"]]" ]] ||
  fail "importReport: $REPORT"
[[ $(json "d['issues'][0]['firstLines']" <<<"$REPORT") == "[\"$WORK/interactions.csv line 9\"]" ]] || fail "importReport issues: $REPORT"
wait_active filter describe-filter --filter-arn "$FILTER"
wait_active eventTracker describe-event-tracker --event-tracker-arn "$TRACKER"
VERSIONS=()
for n in 1 2 3; do
  SOLUTION=$(pz create-solution --name "${PREFIX}s$n" --dataset-group-arn "$GROUP" --recipe-arn "$POPULARITY" --query solutionArn --output text)
  VERSIONS+=("$(pz create-solution-version --solution-arn "$SOLUTION" --query solutionVersionArn --output text)")
done
for v in "${VERSIONS[@]}"; do
  wait_active solutionVersion describe-solution-version --solution-version-arn "$v"
done
say "dataset, import, filter, tracker and 3 solution versions created with no wait, all ACTIVE; importReport $REPORT"

step "an Items CSV with empty and unreadable int values"
ITEMS_SCHEMA='{"type":"record","name":"Items","fields":[{"name":"ITEM_ID","type":"string"},{"name":"YEAR","type":"int"},{"name":"GENRES","type":["string"],"categorical":true}]}'
printf 'ITEM_ID,YEAR,GENRES\ni01,1999,Drama\ni02,,Comedy\ni03,2006\xe2\x80\x932007,Drama|Comedy\ni04,2001,Action\n' >"$WORK/items.csv"
ITEMS_SCHEMA_ARN=$(pz create-schema --name "${PREFIX}items" --schema "$ITEMS_SCHEMA" --query schemaArn --output text)
ITEMS_DATASET=$(pz create-dataset --name "${PREFIX}items" --dataset-type ITEMS --dataset-group-arn "$GROUP" --schema-arn "$ITEMS_SCHEMA_ARN" --query datasetArn --output text)
ITEMS_IMPORT=$(pz create-dataset-import-job --job-name "${PREFIX}items" --dataset-arn "$ITEMS_DATASET" --role-arn "$ROLE" \
  --data-source "{\"dataLocation\": \"file://$WORK/items.csv\"}" --query datasetImportJobArn --output text)
wait_active datasetImportJob describe-dataset-import-job --dataset-import-job-arn "$ITEMS_IMPORT"
ITEMS_REPORT=$(import_report "$ITEMS_IMPORT")
[[ $(json "(d['rowsImported'], d['rowsDropped'], d['valuesNulled'], [i['firstLines'] for i in d['issues']])" <<<"$ITEMS_REPORT") == \
  "[4, 0, 2, [[\"$WORK/items.csv line 3\"], [\"$WORK/items.csv line 4\"]]]" ]] || fail "importReport: $ITEMS_REPORT"
say "ACTIVE, the empty and the 2006-2007 YEAR read as null: $ITEMS_REPORT"

step "a one-type union"
USERS='{"type":"record","name":"Users","fields":[{"name":"USER_ID","type":"string"},{"name":"TIER","type":["string"],"categorical":true}]}'
pz create-schema --name "${PREFIX}users" --schema "$USERS" >/dev/null
say "create-schema with [\"string\"]"

step "put-events with the item inside properties"
CAMPAIGN=$(pz create-campaign --name "${PREFIX}c" --solution-version-arn "${VERSIONS[0]}" --query campaignArn --output text)
wait_active campaign describe-campaign --campaign-arn "$CAMPAIGN"
BEFORE=$(rt get-recommendations --campaign-arn "$CAMPAIGN" --user-id newcomer --filter-arn "$FILTER" --num-results 5 | json "[i['itemId'] for i in d['itemList']]")
TOP=$(json "d[0]" <<<"$BEFORE")
EVENTS=$(python3 -c 'import json, sys; print(json.dumps([{"eventType": "click", "sentAt": 1700100000, "properties": json.dumps({"itemId": sys.argv[1]})}]))' "$TOP")
ev put-events --tracking-id "$TRACKING_ID" --user-id newcomer --session-id s1 --event-list "$EVENTS"
AFTER=$(rt get-recommendations --campaign-arn "$CAMPAIGN" --user-id newcomer --filter-arn "$FILTER" --num-results 5 | json "[i['itemId'] for i in d['itemList']]")
[[ $(json "'$TOP' in d" <<<"$AFTER") == "false" ]] || fail "the clicked item $TOP should be filtered out: before $BEFORE, after $AFTER"
say "put-events recorded $TOP from properties: before $BEFORE, after $AFTER"

step "an unknown feature transformation key"
if pz create-solution --name "${PREFIX}trend" --dataset-group-arn "$GROUP" --recipe-arn arn:aws:personalize:::recipe/aws-hrnn \
  --solution-config '{"featureTransformationParameters": {"trend_discovery_frequency": "1 day"}}' >"$WORK/out" 2>"$WORK/err"; then
  fail "accepted: $(cat "$WORK/out")"
fi
grep -q "(InvalidInputException)" "$WORK/err" && grep -qF "solutionConfig.featureTransformationParameters" "$WORK/err" ||
  fail "expected InvalidInputException naming the member, got $(cat "$WORK/err")"
say "refused naming solutionConfig.featureTransformationParameters"
echo "aws cli leniency: all checks passed"
