#!/usr/bin/env bash
# Smoke run of the Debian AWS CLI v2 (package awscli) against a Tastemaker server.
#
# Usage: aws_cli_smoke.sh http://127.0.0.1:PORT
#
# Walks the workflow end to end: list-recipes, a schema, a dataset group, a dataset, an import of
# the hand-computable fixture of ../python/workflow_data.py (a CSV file written to a temporary
# folder and imported through a file:// URI, so the server must run on this machine), an aws-hrnn
# solution, an aws-popularity-count solution and version trained to ACTIVE, get-solution-metrics
# (precision_at_10 worked out by hand), a campaign and get-recommendations without scores; the
# aws-hrnn solution and an aws-personalized-ranking one trained and deployed, their scores checked
# (get-recommendations: the 10 items' scores descend and sum to 1; get-personalized-ranking: the
# known items scored and summing to 1, then the unknown ones in input order without a score; each
# campaign refusing the other operation); an import of a broken CSV that must fail naming the file,
# line and column, an event tracker, a filter, tags, error cases and the deletes, checking the
# values the CLI prints.
# Names carry a random prefix (cli-<hex>-) so reruns against one server do not clash; whatever the
# run made is deleted on exit, also after a failure. Exits 0 when every step passed. A failed check
# prints "FAIL <step>: <expected/got>" and exits 1; a CLI call that fails unexpectedly stops the run
# with the CLI's own exit code (254 for a service error, 255 when the server cannot be reached)
# after its error message. Exits 2 on bad usage or when the Debian CLI is missing. Takes about a
# minute (each CLI start costs most of a second).
#
# A Python AWS CLI v1 shadows the Debian v2 binary on PATH, so the binary is taken from the package
# and plain `aws` is never called. jq is not needed: JSON is read with python3, and the CSV files
# and expected metrics come from workflow_data.py.
set -euo pipefail

WORKFLOW_DATA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../python/workflow_data.py"

if [[ $# -ne 1 || ! "$1" =~ ^https?:// ]]; then
  echo "usage: $0 http://127.0.0.1:PORT" >&2
  exit 2
fi
URL="${1%/}"

if ! AWS=$(dpkg -L awscli 2>/dev/null | grep 'bin/aws$' | head -n 1) || [[ ! -x "$AWS" ]]; then
  echo "FAIL: the Debian AWS CLI v2 is not installed (apt-get install awscli); not using a plain" \
    "'aws' from PATH, which is the Python v1 CLI" >&2
  exit 2
fi

if [[ ! -f "$WORKFLOW_DATA" ]]; then
  echo "FAIL: $WORKFLOW_DATA (the fixture helper) is missing" >&2
  exit 2
fi

WORK=$(mktemp -d)
export AWS_ACCESS_KEY_ID=AKIDTEST
export AWS_SECRET_ACCESS_KEY=secret
export AWS_DEFAULT_REGION=us-east-1
export AWS_PAGER=""
# Keep a developer's own profile and config out of the run.
export AWS_CONFIG_FILE="$WORK/config"
export AWS_SHARED_CREDENTIALS_FILE="$WORK/credentials"
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_DEFAULT_OUTPUT AWS_CA_BUNDLE || true

PREFIX="cli-$(python3 -c 'import secrets; print(secrets.token_hex(4))')-"
ACCOUNT_ARN="arn:aws:personalize:us-east-1:000000000000"
RECIPES="arn:aws:personalize:::recipe"
ROLE="arn:aws:iam::000000000000:role/x"  # the CLI requires --role-arn; Tastemaker ignores it
STARTED=$SECONDS
STEP="start"
CREATED=()   # "kind arn" pairs, deleted on exit in reverse order

say() { printf 'ok   %s\n' "$*"; }
fail() {
  printf 'FAIL %s: %s\n' "$STEP" "$*" >&2
  exit 1
}
step() { STEP="$*"; }

# pz OPERATION ARGS...: the personalize command group against the server, JSON output.
pz() { "$AWS" --endpoint-url "$URL" --output json personalize "$@"; }
# rt OPERATION ARGS...: the personalize-runtime command group.
rt() { "$AWS" --endpoint-url "$URL" --output json personalize-runtime "$@"; }

# json EXPR: evaluates a Python expression over the JSON read from stdin (bound to d).
json() { python3 -c 'import json, os, sys; d = json.load(sys.stdin); v = eval(sys.argv[1]); print(v if isinstance(v, str) else json.dumps(v))' "$1"; }

expect_eq() { # expect_eq WHAT EXPECTED ACTUAL
  [[ "$2" == "$3" ]] || fail "$1: expected '$2', got '$3'"
}

# expect_error EXIT_CODE ERROR_NAME MESSAGE_PART -- COMMAND...: the command must fail with the exit
# code ('nonzero' for any) and print the error name and message part on stderr.
expect_error() {
  local want_rc="$1" error="$2" part="$3" rc=0
  shift 4
  "$@" >"$WORK/out" 2>"$WORK/err" || rc=$?
  if [[ $rc -eq 0 ]]; then
    fail "expected $error, but '$*' succeeded: $(head -c 400 "$WORK/out")"
  fi
  if [[ "$want_rc" != nonzero && $rc -ne $want_rc ]]; then
    fail "expected exit $want_rc with $error, got exit $rc: $(head -c 400 "$WORK/err")"
  fi
  grep -q "($error)" "$WORK/err" || fail "expected ($error) on stderr, got: $(head -c 400 "$WORK/err")"
  grep -qF -- "$part" "$WORK/err" || fail "expected '$part' in the $error message, got: $(head -c 400 "$WORK/err")"
}

# wait_status WHAT WANT DESCRIBE-ARGS... : polls `describe-*` until the status is WANT (ACTIVE or
# CREATE FAILED), passing only through CREATE PENDING and CREATE IN_PROGRESS ($WAIT_SECONDS s, 30
# unless set for the call). Leaves the failureReason in $REASON.
wait_status() {
  local what="$1" want="$2" out status="" seen="" limit="${WAIT_SECONDS:-30}" deadline=$((SECONDS + ${WAIT_SECONDS:-30}))
  shift 2
  while :; do
    out=$(pz "$@")
    status=$(json "d['$what']['status']" <<<"$out")
    REASON=$(json "d['$what'].get('failureReason', '')" <<<"$out")
    [[ "$seen" == *"$status"* ]] || seen="$seen $status"
    case "$status" in
      "$want") return 0 ;;
      "CREATE PENDING" | "CREATE IN_PROGRESS") ;;
      *) fail "$what status '$status' (seen:$seen), expected CREATE PENDING -> $want; failureReason: '$REASON'" ;;
    esac
    ((SECONDS < deadline)) || fail "$what still '$status' after $limit s, expected $want"
    sleep 0.3
  done
}

# wait_active WHAT DESCRIBE-ARGS... : polls `describe-*` until the status is ACTIVE (30 s).
wait_active() {
  local what="$1"
  shift
  wait_status "$what" ACTIVE "$@"
  [[ -z "$REASON" ]] || fail "$what is ACTIVE but has a failureReason: '$REASON'"
}

# wait_gone WHAT DESCRIBE-ARGS... : polls `describe-*` until it fails with ResourceNotFoundException.
wait_gone() {
  local what="$1" status="" rc deadline=$((SECONDS + 30))
  shift
  while :; do
    rc=0
    status=$(pz "$@" --query "$what.status" --output text 2>"$WORK/gone-err") || rc=$?
    if [[ $rc -ne 0 ]]; then
      [[ $rc -eq 254 ]] && grep -q '(ResourceNotFoundException)' "$WORK/gone-err" && return 0
      fail "describe after delete: exit $rc: $(head -c 400 "$WORK/gone-err")"
    fi
    case "$status" in
      "DELETE PENDING" | "DELETE IN_PROGRESS") ;;
      *) fail "$what status '$status' after delete, expected DELETE PENDING then gone" ;;
    esac
    ((SECONDS < deadline)) || fail "$what still '$status' 30 s after delete"
    sleep 0.3
  done
}

forget() { # forget ARN: drop it from the exit-time cleanup
  local i
  for i in "${!CREATED[@]}"; do
    [[ "${CREATED[$i]#* }" == "$1" ]] && unset 'CREATED[i]'
  done
  return 0
}

cleanup() {
  local rc=$? entry kind arn i keys=("${!CREATED[@]}")
  set +e
  for ((i = ${#keys[@]} - 1; i >= 0; i--)); do
    entry="${CREATED[${keys[$i]}]}"
    kind="${entry%% *}"
    arn="${entry#* }"
    for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
      pz "delete-$kind" "--$kind-arn" "$arn" >/dev/null 2>"$WORK/cleanup-err" && break
      grep -q 'ResourceNotFoundException' "$WORK/cleanup-err" && break
      sleep 1  # a dependant is still being deleted
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
    echo "aws cli smoke: all steps passed in $((SECONDS - STARTED)) s"
  else
    echo "aws cli smoke: FAILED at '$STEP' after $((SECONDS - STARTED)) s" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT

echo "$("$AWS" --version 2>&1) ($AWS) against $URL, prefix $PREFIX"

# --- recipes ---------------------------------------------------------------------------------
step "list-recipes"
# Custom recipes; the ten domain use cases (aws-ecomm-*, aws-vod-*) are listed too.
CUSTOM="[?!starts_with(name, 'aws-ecomm-') && !starts_with(name, 'aws-vod-')]"
names=$(pz list-recipes --query "recipes${CUSTOM}.name" --output text | tr '\t' ' ')
expect_eq "list-recipes names" \
  "aws-hrnn aws-hrnn-coldstart aws-hrnn-metadata aws-item-affinity aws-item-attribute-affinity aws-next-best-action aws-personalized-ranking aws-personalized-ranking-v2 aws-popularity-count aws-semantic-similarity aws-similar-items aws-sims aws-trending-now aws-user-personalization aws-user-personalization-v2" \
  "$names"
arns=$(pz list-recipes --query "recipes${CUSTOM}.recipeArn" --output text | tr '\t' ' ')
expect_eq "list-recipes ARNs" "$RECIPES/aws-hrnn $RECIPES/aws-hrnn-coldstart $RECIPES/aws-hrnn-metadata $RECIPES/aws-item-affinity $RECIPES/aws-item-attribute-affinity $RECIPES/aws-next-best-action $RECIPES/aws-personalized-ranking $RECIPES/aws-personalized-ranking-v2 $RECIPES/aws-popularity-count $RECIPES/aws-semantic-similarity $RECIPES/aws-similar-items $RECIPES/aws-sims $RECIPES/aws-trending-now $RECIPES/aws-user-personalization $RECIPES/aws-user-personalization-v2" "$arns"
expect_eq "list-recipes count" 25 "$(pz list-recipes --query 'length(recipes)' --output text)"
say "list-recipes: 15 recipes and 10 use cases sorted by name"

step "describe-recipe"
out=$(pz describe-recipe --recipe-arn "$RECIPES/aws-sims")
expect_eq "aws-sims recipeType" RELATED_ITEMS "$(json "d['recipe']['recipeType']" <<<"$out")"
expect_eq "aws-sims algorithmArn" "arn:aws:personalize:::algorithm/aws-sims" \
  "$(json "d['recipe']['algorithmArn']" <<<"$out")"
say "describe-recipe aws-sims"
out=$(pz describe-recipe --recipe-arn "$RECIPES/aws-similar-items")
expect_eq "aws-similar-items recipeType" RELATED_ITEMS "$(json "d['recipe']['recipeType']" <<<"$out")"
expect_eq "aws-similar-items algorithmArn" "arn:aws:personalize:::algorithm/aws-similar-items" \
  "$(json "d['recipe']['algorithmArn']" <<<"$out")"
expect_eq "aws-similar-items featureTransformationArn" "arn:aws:personalize:::feature-transformation/similar-items" \
  "$(json "d['recipe']['featureTransformationArn']" <<<"$out")"
out=$(pz describe-algorithm --algorithm-arn "arn:aws:personalize:::algorithm/aws-similar-items")
expect_eq "aws-similar-items item_id_hidden_dim" 100 "$(json "d['algorithm']['defaultHyperParameters']['item_id_hidden_dim']" <<<"$out")"
say "describe-recipe aws-similar-items"

# --- schema ----------------------------------------------------------------------------------
step "create-schema"
cat >"$WORK/interactions.json" <<'EOF'
{
  "type": "record",
  "name": "Interactions",
  "namespace": "com.amazonaws.personalize.schema",
  "fields": [
    {"name": "USER_ID", "type": "string"},
    {"name": "ITEM_ID", "type": "string"},
    {"name": "TIMESTAMP", "type": "long"},
    {"name": "EVENT_TYPE", "type": "string"},
    {"name": "EVENT_VALUE", "type": ["float", "null"]}
  ],
  "version": "1.0"
}
EOF
SCHEMA_NAME="${PREFIX}interactions"
SCHEMA=$(pz create-schema --name "$SCHEMA_NAME" --schema "file://$WORK/interactions.json" \
  --query schemaArn --output text)
CREATED+=("schema $SCHEMA")
expect_eq "schemaArn" "$ACCOUNT_ARN:schema/$SCHEMA_NAME" "$SCHEMA"
out=$(pz describe-schema --schema-arn "$SCHEMA")
same=$(WANT="$WORK/interactions.json" json \
  "json.loads(d['schema']['schema']) == json.load(open(os.environ['WANT']))" <<<"$out")
expect_eq "describe-schema schema equals the file" true "$same"
say "create-schema (file://) and describe-schema"

# --- dataset group ---------------------------------------------------------------------------
step "create-dataset-group"
GROUP_NAME="${PREFIX}group"
GROUP=$(pz create-dataset-group --name "$GROUP_NAME" --tags tagKey=team,tagValue=cli \
  --query datasetGroupArn --output text)
CREATED+=("dataset-group $GROUP")
expect_eq "datasetGroupArn" "$ACCOUNT_ARN:dataset-group/$GROUP_NAME" "$GROUP"
wait_active datasetGroup describe-dataset-group --dataset-group-arn "$GROUP"
expect_eq "describe-dataset-group name" "$GROUP_NAME" \
  "$(pz describe-dataset-group --dataset-group-arn "$GROUP" --query datasetGroup.name --output text)"
say "create-dataset-group, waited for ACTIVE"

step "list-dataset-groups"
found=$(pz list-dataset-groups | json "'$GROUP' in [g['datasetGroupArn'] for g in d['datasetGroups']]")
expect_eq "list-dataset-groups lists the group" true "$found"
say "list-dataset-groups"

# --- dataset ---------------------------------------------------------------------------------
step "create-dataset"
DATASET=$(pz create-dataset --name "${PREFIX}interactions" --schema-arn "$SCHEMA" \
  --dataset-group-arn "$GROUP" --dataset-type Interactions --query datasetArn --output text)
CREATED+=("dataset $DATASET")
expect_eq "datasetArn" "$ACCOUNT_ARN:dataset/$GROUP_NAME/INTERACTIONS" "$DATASET"
wait_active dataset describe-dataset --dataset-arn "$DATASET"
say "create-dataset, waited for ACTIVE"

step "describe-dataset"
out=$(pz describe-dataset --dataset-arn "$DATASET")
expect_eq "describe-dataset name" "${PREFIX}interactions" "$(json "d['dataset']['name']" <<<"$out")"
expect_eq "describe-dataset datasetType" Interactions "$(json "d['dataset']['datasetType']" <<<"$out")"
expect_eq "describe-dataset schemaArn" "$SCHEMA" "$(json "d['dataset']['schemaArn']" <<<"$out")"
expect_eq "describe-dataset datasetGroupArn" "$GROUP" "$(json "d['dataset']['datasetGroupArn']" <<<"$out")"
expect_eq "describe-dataset status" ACTIVE "$(json "d['dataset']['status']" <<<"$out")"
say "describe-dataset"

step "list-datasets"
listed=$(pz list-datasets --dataset-group-arn "$GROUP" --query 'datasets[].[datasetArn,datasetType]' --output text)
expect_eq "list-datasets" "$DATASET	Interactions" "$listed"
say "list-datasets"

# --- import ----------------------------------------------------------------------------------
step "create-dataset-import-job (file://)"
DATA="$WORK/data"
python3 "$WORKFLOW_DATA" write "$DATA"
IMPORT=$(pz create-dataset-import-job --job-name "${PREFIX}import" --dataset-arn "$DATASET" \
  --data-source "{\"dataLocation\": \"file://$DATA/fixture.csv\"}" --role-arn "$ROLE" \
  --query datasetImportJobArn --output text)
expect_eq "datasetImportJobArn" "$ACCOUNT_ARN:dataset-import-job/${PREFIX}import" "$IMPORT"
wait_active datasetImportJob describe-dataset-import-job --dataset-import-job-arn "$IMPORT"
say "create-dataset-import-job of the fixture (1000 rows), waited for ACTIVE"

# --- solution --------------------------------------------------------------------------------
step "create-solution"
SOLUTION_NAME="${PREFIX}hrnn"
SOLUTION=$(pz create-solution --name "$SOLUTION_NAME" --dataset-group-arn "$GROUP" \
  --recipe-arn "$RECIPES/aws-hrnn" \
  --solution-config '{"algorithmHyperParameters": {"hidden_dimension": "64"}}' \
  --query solutionArn --output text)
CREATED+=("solution $SOLUTION")
expect_eq "solutionArn" "$ACCOUNT_ARN:solution/$SOLUTION_NAME" "$SOLUTION"
wait_active solution describe-solution --solution-arn "$SOLUTION"
say "create-solution, waited for ACTIVE"

step "describe-solution"
out=$(pz describe-solution --solution-arn "$SOLUTION")
expect_eq "describe-solution recipeArn" "$RECIPES/aws-hrnn" "$(json "d['solution']['recipeArn']" <<<"$out")"
expect_eq "describe-solution datasetGroupArn" "$GROUP" "$(json "d['solution']['datasetGroupArn']" <<<"$out")"
expect_eq "describe-solution hidden_dimension" 64 \
  "$(json "d['solution']['solutionConfig']['algorithmHyperParameters']['hidden_dimension']" <<<"$out")"
say "describe-solution"

step "create-solution with hidden_dimension 1000"
expect_error 254 InvalidInputException "hidden_dimension must be in [32, 256], got 1000" -- \
  pz create-solution --name "${PREFIX}too-wide" --dataset-group-arn "$GROUP" \
  --recipe-arn "$RECIPES/aws-hrnn" \
  --solution-config '{"algorithmHyperParameters": {"hidden_dimension": "1000"}}'
say "create-solution with hidden_dimension 1000: InvalidInputException"

# --- training --------------------------------------------------------------------------------
step "create-solution aws-popularity-count"
POPULAR_NAME="${PREFIX}popularity"
POPULAR=$(pz create-solution --name "$POPULAR_NAME" --dataset-group-arn "$GROUP" \
  --recipe-arn "$RECIPES/aws-popularity-count" --query solutionArn --output text)
CREATED+=("solution $POPULAR")
expect_eq "solutionArn" "$ACCOUNT_ARN:solution/$POPULAR_NAME" "$POPULAR"
wait_active solution describe-solution --solution-arn "$POPULAR"
say "create-solution aws-popularity-count, waited for ACTIVE"

step "create-solution-version"
VERSION=$(pz create-solution-version --solution-arn "$POPULAR" --query solutionVersionArn --output text)
[[ "$VERSION" =~ ^$POPULAR/[0-9a-f]{8}$ ]] || fail "solutionVersionArn should be $POPULAR/<8 hex>, got '$VERSION'"
wait_active solutionVersion describe-solution-version --solution-version-arn "$VERSION"
say "create-solution-version, trained to ACTIVE"

step "get-solution-metrics"
out=$(pz get-solution-metrics --solution-version-arn "$VERSION")
expect_eq "get-solution-metrics solutionVersionArn" "$VERSION" "$(json "d['solutionVersionArn']" <<<"$out")"
expect_eq "number of metrics" 8 "$(json "len(d['metrics'])" <<<"$out")"
# z, the truth of every held-out user, is 10th of the 10 popular items: 1 hit in the top 10.
expect_eq "precision_at_10" "$(python3 "$WORKFLOW_DATA" metric precision_at_10)" \
  "$(json "d['metrics']['precision_at_10']" <<<"$out")"
say "get-solution-metrics: precision_at_10 = $(json "d['metrics']['precision_at_10']" <<<"$out")"

# --- campaign and recommendations ------------------------------------------------------------
step "create-campaign"
CAMPAIGN=$(pz create-campaign --name "${PREFIX}campaign" --solution-version-arn "$VERSION" \
  --query campaignArn --output text)
CREATED+=("campaign $CAMPAIGN")
expect_eq "campaignArn" "$ACCOUNT_ARN:campaign/${PREFIX}campaign" "$CAMPAIGN"
wait_active campaign describe-campaign --campaign-arn "$CAMPAIGN"
say "create-campaign, waited for ACTIVE"

step "get-recommendations"
out=$(rt get-recommendations --campaign-arn "$CAMPAIGN" --user-id u000)
expect_eq "first recommended item" a01 "$(json "d['itemList'][0]['itemId']" <<<"$out")"
expect_eq "number of recommended items (25 asked, 10 in the fixture)" 10 "$(json "len(d['itemList'])" <<<"$out")"
expect_eq "scores (popularity has none)" "[]" "$(json "[i for i in d['itemList'] if 'score' in i]" <<<"$out")"
[[ "$(json "d['recommendationId']" <<<"$out")" == RID-* ]] ||
  fail "recommendationId should start with RID-, got '$(json "d['recommendationId']" <<<"$out")'"
say "get-recommendations: a01 first, 10 items"

# --- scores: aws-hrnn and aws-personalized-ranking --------------------------------------------
# The fixture's 10 items (a01..a09, z) are every item an HRNN model of it knows.
ITEMS_JSON='["a01", "a02", "a03", "a04", "a05", "a06", "a07", "a08", "a09", "z"]'
# A Python expression over d, a list of predicted items: "true" when every item has a score in
# [0, 1], the scores never increase, sum to 1 within 1e-6 and the ids are distinct.
DISTRIBUTION="all('score' in i and 0 <= i['score'] <= 1 for i in d) and all(a['score'] >= b['score'] for a, b in zip(d, d[1:])) and abs(sum(i['score'] for i in d) - 1) < 1e-6 and len({i['itemId'] for i in d}) == len(d)"

step "train and deploy aws-hrnn and aws-personalized-ranking"
RANKING=$(pz create-solution --name "${PREFIX}ranking" --dataset-group-arn "$GROUP" \
  --recipe-arn "$RECIPES/aws-personalized-ranking" \
  --solution-config '{"algorithmHyperParameters": {"hidden_dimension": "32", "epochs": "4"}}' \
  --query solutionArn --output text)
CREATED+=("solution $RANKING")
wait_active solution describe-solution --solution-arn "$RANKING"
HRNN_VERSION=$(pz create-solution-version --solution-arn "$SOLUTION" --query solutionVersionArn --output text)
RANKING_VERSION=$(pz create-solution-version --solution-arn "$RANKING" --query solutionVersionArn --output text)
WAIT_SECONDS=300 wait_active solutionVersion describe-solution-version --solution-version-arn "$HRNN_VERSION"
WAIT_SECONDS=300 wait_active solutionVersion describe-solution-version --solution-version-arn "$RANKING_VERSION"
HRNN_CAMPAIGN=$(pz create-campaign --name "${PREFIX}hrnn" --solution-version-arn "$HRNN_VERSION" \
  --query campaignArn --output text)
CREATED+=("campaign $HRNN_CAMPAIGN")
RANKING_CAMPAIGN=$(pz create-campaign --name "${PREFIX}ranking" --solution-version-arn "$RANKING_VERSION" \
  --query campaignArn --output text)
CREATED+=("campaign $RANKING_CAMPAIGN")
wait_active campaign describe-campaign --campaign-arn "$HRNN_CAMPAIGN"
wait_active campaign describe-campaign --campaign-arn "$RANKING_CAMPAIGN"
say "aws-hrnn and aws-personalized-ranking trained and deployed"

step "get-recommendations from aws-hrnn"
for user in u000 "${PREFIX}stranger"; do
  out=$(rt get-recommendations --campaign-arn "$HRNN_CAMPAIGN" --user-id "$user" --num-results 10)
  expect_eq "aws-hrnn items for $user (all 10, once each)" true \
    "$(json "sorted(i['itemId'] for i in d['itemList']) == $ITEMS_JSON" <<<"$out")"
  expect_eq "aws-hrnn scores for $user: in [0, 1], descending, summing to 1" true \
    "$(json "(lambda d: $DISTRIBUTION)(d['itemList'])" <<<"$out")"
done
expect_error 254 InvalidInputException "GetRecommendations" -- \
  rt get-personalized-ranking --campaign-arn "$HRNN_CAMPAIGN" --user-id u000 --input-list a01 z
say "get-recommendations from aws-hrnn: scores of all 10 items sum to 1, for u000 and a stranger"

step "get-personalized-ranking"
out=$(rt get-personalized-ranking --campaign-arn "$RANKING_CAMPAIGN" --user-id u000 \
  --input-list ghost-1 a03 z ghost-0 a01)
expect_eq "ranked ids: the known a01, a03, z first, in any order" '["a01", "a03", "z"]' \
  "$(json "sorted(i['itemId'] for i in d['personalizedRanking'][:3])" <<<"$out")"
expect_eq "scores of the known items: in [0, 1], descending, summing to 1" true \
  "$(json "(lambda d: $DISTRIBUTION)(d['personalizedRanking'][:3])" <<<"$out")"
expect_eq "the unknown items last, in input order, without a score" '[{"itemId": "ghost-1"}, {"itemId": "ghost-0"}]' \
  "$(json "d['personalizedRanking'][3:]" <<<"$out")"
expect_error 254 InvalidInputException "GetPersonalizedRanking" -- \
  rt get-recommendations --campaign-arn "$RANKING_CAMPAIGN" --user-id u000
say "get-personalized-ranking: $(json "[(i['itemId'], round(i['score'], 4)) if 'score' in i else i['itemId'] for i in d['personalizedRanking']]" <<<"$out")"

# --- a broken CSV ----------------------------------------------------------------------------
step "create-dataset-import-job of a broken CSV"
BROKEN=$(pz create-dataset-import-job --job-name "${PREFIX}broken" --dataset-arn "$DATASET" \
  --data-source "{\"dataLocation\": \"file://$DATA/broken.csv\"}" --role-arn "$ROLE" \
  --import-mode FULL --query datasetImportJobArn --output text)
wait_status datasetImportJob "CREATE FAILED" describe-dataset-import-job --dataset-import-job-arn "$BROKEN"
want="$DATA/broken.csv line 3, column ITEM_ID:"
[[ "$REASON" == "$want"* && "$REASON" == *"at most 256 are allowed"* ]] ||
  fail "failureReason should start '$want' and give the limit of 256, got '$REASON'"
say "import of a broken CSV: CREATE FAILED, $REASON"

# --- event tracker ---------------------------------------------------------------------------
step "create-event-tracker"
out=$(pz create-event-tracker --name "${PREFIX}tracker" --dataset-group-arn "$GROUP")
TRACKER=$(json "d['eventTrackerArn']" <<<"$out")
TRACKING_ID=$(json "d['trackingId']" <<<"$out")
CREATED+=("event-tracker $TRACKER")
expect_eq "eventTrackerArn" "$ACCOUNT_ARN:event-tracker/${PREFIX}tracker" "$TRACKER"
[[ "$TRACKING_ID" =~ ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$ ]] ||
  fail "trackingId should be a UUID, got '$TRACKING_ID'"
wait_active eventTracker describe-event-tracker --event-tracker-arn "$TRACKER"
expect_eq "describe-event-tracker trackingId" "$TRACKING_ID" \
  "$(pz describe-event-tracker --event-tracker-arn "$TRACKER" --query eventTracker.trackingId --output text)"
say "create-event-tracker, waited for ACTIVE"

# --- filter ----------------------------------------------------------------------------------
step "create-filter"
EXPRESSION='EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")'
FILTER=$(pz create-filter --name "${PREFIX}no-clicked" --dataset-group-arn "$GROUP" \
  --filter-expression "$EXPRESSION" --query filterArn --output text)
CREATED+=("filter $FILTER")
expect_eq "filterArn" "$ACCOUNT_ARN:filter/${PREFIX}no-clicked" "$FILTER"
wait_active filter describe-filter --filter-arn "$FILTER"
expect_eq "describe-filter filterExpression" "$EXPRESSION" \
  "$(pz describe-filter --filter-arn "$FILTER" --query filter.filterExpression --output text)"
say "create-filter, waited for ACTIVE"

step "list-filters"
expect_eq "list-filters (Filters key)" "$FILTER" \
  "$(pz list-filters --dataset-group-arn "$GROUP" --query 'Filters[].filterArn' --output text)"
say "list-filters"

step "put-events, then a filtered get-recommendations"
"$AWS" --endpoint-url "$URL" personalize-events put-events --tracking-id "$TRACKING_ID" --user-id u000 \
  --session-id "${PREFIX}session" --event-list "[{\"eventType\": \"click\", \"itemId\": \"a05\", \"sentAt\": $(date +%s)}]"
out=$(rt get-recommendations --campaign-arn "$HRNN_CAMPAIGN" --user-id u000 --num-results 10 --filter-arn "$FILTER")
expect_eq "aws-hrnn with the no-clicked filter after u000 clicked a05" '["a01", "a02", "a03", "a04", "a06", "a07", "a08", "a09", "z"]' \
  "$(json "sorted(i['itemId'] for i in d['itemList'])" <<<"$out")"
expect_eq "the unfiltered answer still has a05" true \
  "$(rt get-recommendations --campaign-arn "$HRNN_CAMPAIGN" --user-id u000 --num-results 10 | json "'a05' in [i['itemId'] for i in d['itemList']]")"
expect_error 254 InvalidInputException "eventList[0].itemId" -- \
  "$AWS" --endpoint-url "$URL" personalize-events put-events --tracking-id "$TRACKING_ID" --session-id s \
  --event-list "[{\"eventType\": \"click\", \"sentAt\": $(date +%s)}]"
say "put-events, and the filter drops what u000 clicked"

# --- tags ------------------------------------------------------------------------------------
step "tag-resource / list-tags-for-resource"
pz tag-resource --resource-arn "$GROUP" --tags tagKey=env,tagValue=test tagKey=owner,tagValue=smoke >/dev/null
tags=$(pz list-tags-for-resource --resource-arn "$GROUP" | json "sorted((t['tagKey'], t['tagValue']) for t in d['tags'])")
expect_eq "tags after tag-resource" '[["env", "test"], ["owner", "smoke"], ["team", "cli"]]' "$tags"
pz untag-resource --resource-arn "$GROUP" --tag-keys owner >/dev/null
tags=$(pz list-tags-for-resource --resource-arn "$GROUP" | json "sorted((t['tagKey'], t['tagValue']) for t in d['tags'])")
expect_eq "tags after untag-resource" '[["env", "test"], ["team", "cli"]]' "$tags"
say "tag-resource, untag-resource, list-tags-for-resource"

# --- errors ----------------------------------------------------------------------------------
step "describe-campaign of a missing ARN"
MISSING_CAMPAIGN="$ACCOUNT_ARN:campaign/${PREFIX}missing"
expect_error 254 ResourceNotFoundException "$MISSING_CAMPAIGN" -- \
  pz describe-campaign --campaign-arn "$MISSING_CAMPAIGN"
say "describe-campaign of a missing ARN: exit 254, ResourceNotFoundException"

step "create-dataset-group with an invalid name"
expect_error nonzero InvalidInputException "Value 'bad name!' at 'name'" -- \
  pz create-dataset-group --name 'bad name!'
say "create-dataset-group 'bad name!': InvalidInputException"

step "delete-dataset-group while it has a dataset"
expect_error 254 ResourceInUseException "$GROUP" -- pz delete-dataset-group --dataset-group-arn "$GROUP"
say "delete-dataset-group in use: ResourceInUseException"

# --- deletes ---------------------------------------------------------------------------------
step "delete-campaign"
for campaign in "$CAMPAIGN" "$HRNN_CAMPAIGN" "$RANKING_CAMPAIGN"; do
  pz delete-campaign --campaign-arn "$campaign" >/dev/null
  wait_gone campaign describe-campaign --campaign-arn "$campaign"
  forget "$campaign"
done
say "delete-campaign (all three), gone"

step "delete-filter"
pz delete-filter --filter-arn "$FILTER" >/dev/null
wait_gone filter describe-filter --filter-arn "$FILTER"
forget "$FILTER"
say "delete-filter, gone"

step "delete-event-tracker"
pz delete-event-tracker --event-tracker-arn "$TRACKER" >/dev/null
wait_gone eventTracker describe-event-tracker --event-tracker-arn "$TRACKER"
forget "$TRACKER"
say "delete-event-tracker, gone"

step "delete-solution"
for sol in "$SOLUTION" "$POPULAR" "$RANKING"; do
  pz delete-solution --solution-arn "$sol" >/dev/null
  wait_gone solution describe-solution --solution-arn "$sol"
  forget "$sol"
done
say "delete-solution (all three, with the trained versions), gone"

step "delete-dataset"
pz delete-dataset --dataset-arn "$DATASET" >/dev/null
wait_gone dataset describe-dataset --dataset-arn "$DATASET"
forget "$DATASET"
say "delete-dataset, gone"

step "delete-dataset-group"
pz delete-dataset-group --dataset-group-arn "$GROUP" >/dev/null
wait_gone datasetGroup describe-dataset-group --dataset-group-arn "$GROUP"
forget "$GROUP"
say "delete-dataset-group, gone"

step "delete-schema"
pz delete-schema --schema-arn "$SCHEMA" >/dev/null
forget "$SCHEMA"
expect_error 254 ResourceNotFoundException "$SCHEMA" -- pz describe-schema --schema-arn "$SCHEMA"
say "delete-schema, gone at once"
