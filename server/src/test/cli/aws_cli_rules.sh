#!/usr/bin/env bash
# The runtime's business rules through the Debian AWS CLI v2 (package awscli 2.9.19).
#
# Usage: aws_cli_rules.sh http://127.0.0.1:PORT
#
# That CLI's models know promotions and PredictedItem.promotionName, but not metadataColumns, the
# reason list, rankingInfluence or syncWithLatestSolutionVersion (boto3 and the SDK test those), so
# this run checks what it can send: the genre shop of ../python/workflow_data.py imported with its
# Items, a genre filter, an aws-popularity-count solution, a campaign created on SolutionArn/$LATEST
# (it serves the newest ACTIVE version, named in describe-campaign), get-recommendations with
# --promotions (20% of 10 results are the two most popular SciFi movies, marked with promotionName,
# the rest in popularity order), a promotion without a filter refused naming
# promotions[0].filterArn, and update-campaign to SolutionArn/$LATEST deploying a second version.
# Names carry a random prefix (clirules-<hex>-); whatever the run made is deleted on exit. Exits 0
# when every step passed, 1 on a failed check ("FAIL <step>: ..."), the CLI's own code when a call
# fails unexpectedly, 2 on bad usage or without the Debian CLI.
set -euo pipefail

WORKFLOW_DATA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../python/workflow_data.py"

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
export AWS_ACCESS_KEY_ID=AKIDTEST
export AWS_SECRET_ACCESS_KEY=secret
export AWS_DEFAULT_REGION=us-east-1
export AWS_PAGER=""
export AWS_CONFIG_FILE="$WORK/config"
export AWS_SHARED_CREDENTIALS_FILE="$WORK/credentials"
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_DEFAULT_OUTPUT AWS_CA_BUNDLE || true

PREFIX="clirules-$(python3 -c 'import secrets; print(secrets.token_hex(4))')-"
RECIPES="arn:aws:personalize:::recipe"
ROLE="arn:aws:iam::000000000000:role/x"
STARTED=$SECONDS
STEP="start"
CREATED=()

say() { printf 'ok   %s\n' "$*"; }
fail() {
  printf 'FAIL %s: %s\n' "$STEP" "$*" >&2
  exit 1
}
step() { STEP="$*"; }
pz() { "$AWS" --endpoint-url "$URL" --output json personalize "$@"; }
rt() { "$AWS" --endpoint-url "$URL" --output json personalize-runtime "$@"; }
json() { python3 -c 'import json, sys; d = json.load(sys.stdin); v = eval(sys.argv[1]); print(v if isinstance(v, str) else json.dumps(v))' "$1"; }
expect_eq() { [[ "$2" == "$3" ]] || fail "$1: expected '$2', got '$3'"; }

# wait_active WHAT DESCRIBE-ARGS... : polls until ACTIVE (60 s); fails on CREATE FAILED.
wait_active() {
  local what="$1" status deadline=$((SECONDS + 60))
  shift
  while :; do
    status=$(pz "$@" --query "$what.status" --output text)
    [[ "$status" == ACTIVE ]] && return 0
    [[ "$status" == "CREATE FAILED" ]] && fail "$what failed: $(pz "$@" --query "$what.failureReason" --output text)"
    ((SECONDS < deadline)) || fail "$what still '$status' after 60 s"
    sleep 0.3
  done
}

cleanup() {
  local rc=$? entry kind arn i
  set +e
  for ((i = ${#CREATED[@]} - 1; i >= 0; i--)); do
    entry="${CREATED[$i]}"
    kind="${entry%% *}"
    arn="${entry#* }"
    for _ in $(seq 1 20); do
      pz "delete-$kind" "--$kind-arn" "$arn" >/dev/null 2>"$WORK/cleanup-err" && break
      grep -q 'ResourceNotFoundException' "$WORK/cleanup-err" && break
      sleep 1
    done
    if [[ $kind != schema ]]; then
      for _ in $(seq 1 60); do
        pz "describe-$kind" "--$kind-arn" "$arn" >/dev/null 2>&1 || break
        sleep 0.5
      done
    fi
  done
  rm -rf "$WORK"
  if [[ $rc -eq 0 ]]; then
    echo "aws cli rules: all steps passed in $((SECONDS - STARTED)) s"
  else
    echo "aws cli rules: FAILED at '$STEP' after $((SECONDS - STARTED)) s" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT

echo "$("$AWS" --version 2>&1) ($AWS) against $URL, prefix $PREFIX"

step "import the genre shop"
python3 "$WORKFLOW_DATA" genre-shop "$WORK"
GROUP=$(pz create-dataset-group --name "${PREFIX}shop" --query datasetGroupArn --output text)
CREATED+=("dataset-group $GROUP")
wait_active datasetGroup describe-dataset-group --dataset-group-arn "$GROUP"
INTERACTIONS='{"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":[{"name":"USER_ID","type":"string"},{"name":"ITEM_ID","type":"string"},{"name":"EVENT_TYPE","type":"string"},{"name":"EVENT_VALUE","type":["float","null"]},{"name":"TIMESTAMP","type":"long"}],"version":"1.0"}'
ITEMS='{"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[{"name":"ITEM_ID","type":"string"},{"name":"GENRES","type":["null","string"],"categorical":true},{"name":"CREATION_TIMESTAMP","type":"long"}],"version":"1.0"}'
for kind in Interactions Items; do
  lower=$(tr '[:upper:]' '[:lower:]' <<<"$kind")
  if [[ $kind == Interactions ]]; then schema_text=$INTERACTIONS; else schema_text=$ITEMS; fi
  schema=$(pz create-schema --name "${PREFIX}$lower" --schema "$schema_text" --query schemaArn --output text)
  CREATED+=("schema $schema")
  dataset=$(pz create-dataset --name "${PREFIX}$lower" --dataset-group-arn "$GROUP" --dataset-type "$kind" --schema-arn "$schema" \
    --query datasetArn --output text)
  CREATED+=("dataset $dataset")
  wait_active dataset describe-dataset --dataset-arn "$dataset"
  job=$(pz create-dataset-import-job --job-name "${PREFIX}$lower" --dataset-arn "$dataset" --role-arn "$ROLE" \
    --data-source "{\"dataLocation\": \"file://$WORK/$lower.csv\"}" --query datasetImportJobArn --output text)
  wait_active datasetImportJob describe-dataset-import-job --dataset-import-job-arn "$job"
done
FILTER=$(pz create-filter --name "${PREFIX}genre" --dataset-group-arn "$GROUP" \
  --filter-expression 'INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)' --query filterArn --output text)
CREATED+=("filter $FILTER")
wait_active filter describe-filter --filter-arn "$FILTER"
say "genre shop imported, genre filter ACTIVE"

step "a campaign on SolutionArn/\$LATEST"
SOLUTION=$(pz create-solution --name "${PREFIX}pop" --dataset-group-arn "$GROUP" --recipe-arn "$RECIPES/aws-popularity-count" \
  --query solutionArn --output text)
CREATED+=("solution $SOLUTION")
wait_active solution describe-solution --solution-arn "$SOLUTION"
V1=$(pz create-solution-version --solution-arn "$SOLUTION" --query solutionVersionArn --output text)
wait_active solutionVersion describe-solution-version --solution-version-arn "$V1"
CAMPAIGN=$(pz create-campaign --name "${PREFIX}pop" --solution-version-arn "$SOLUTION/\$LATEST" --query campaignArn --output text)
CREATED+=("campaign $CAMPAIGN")
wait_active campaign describe-campaign --campaign-arn "$CAMPAIGN"
expect_eq "the campaign's solutionVersionArn" "$V1" "$(pz describe-campaign --campaign-arn "$CAMPAIGN" --query campaign.solutionVersionArn --output text)"
say "create-campaign on $SOLUTION/\$LATEST serves $V1"

step "get-recommendations --promotions"
out=$(rt get-recommendations --campaign-arn "$CAMPAIGN" --user-id anyone --num-results 10 \
  --promotions "[{\"name\": \"sci-fi\", \"percentPromotedItems\": 20, \"filterArn\": \"$FILTER\", \"filterValues\": {\"GENRE\": \"\\\"SciFi\\\"\"}}]")
expected=$(python3 - "$WORKFLOW_DATA" <<'EOF'
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("workflow_data", sys.argv[1])
shop = importlib.util.module_from_spec(spec)
spec.loader.exec_module(shop)
order = shop.by_popularity(shop.genre_shop()[0])
promoted = [i for i in order if shop.genre_of(i) == "SciFi"][:2]
rest = [i for i in order if i not in promoted][:8]
print(json.dumps([[i, "sci-fi" if i in promoted else None] for i in order if i in promoted or i in rest]))
EOF
)
expect_eq "items and promotion names" "$expected" "$(json "[[i['itemId'], i.get('promotionName')] for i in d['itemList']]" <<<"$out")"
say "get-recommendations --promotions: 2 of 10 promoted SciFi movies in popularity order, marked with promotionName"

step "a promotion without a filter"
rc=0
rt get-recommendations --campaign-arn "$CAMPAIGN" --user-id anyone --promotions '[{"name": "x", "percentPromotedItems": 10}]' >"$WORK/out" 2>"$WORK/err" || rc=$?
expect_eq "exit code" 254 "$rc"
grep -q "(InvalidInputException)" "$WORK/err" || fail "expected InvalidInputException, got: $(head -c 300 "$WORK/err")"
grep -qF "promotions[0].filterArn" "$WORK/err" || fail "expected the message to name promotions[0].filterArn, got: $(head -c 300 "$WORK/err")"
say "a promotion without a filter: InvalidInputException naming promotions[0].filterArn"

step "update-campaign to SolutionArn/\$LATEST"
V2=$(pz create-solution-version --solution-arn "$SOLUTION" --query solutionVersionArn --output text)
wait_active solutionVersion describe-solution-version --solution-version-arn "$V2"
pz update-campaign --campaign-arn "$CAMPAIGN" --solution-version-arn "$SOLUTION/\$LATEST" >/dev/null
deadline=$((SECONDS + 60))
until [[ "$(pz describe-campaign --campaign-arn "$CAMPAIGN" --query campaign.latestCampaignUpdate.status --output text)" == ACTIVE ]]; do
  ((SECONDS < deadline)) || fail "the update is not ACTIVE after 60 s"
  sleep 0.3
done
expect_eq "the campaign's solutionVersionArn" "$V2" "$(pz describe-campaign --campaign-arn "$CAMPAIGN" --query campaign.solutionVersionArn --output text)"
say "update-campaign to \$LATEST deployed $V2"
