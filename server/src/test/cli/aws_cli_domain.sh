#!/usr/bin/env bash
# The Debian AWS CLI v2 (package awscli, 2.9.19) with domain dataset groups and recommenders
# (issue 17), against a Tastemaker server.
#
# Usage: aws_cli_domain.sh http://127.0.0.1:PORT
#
# An ECOMMERCE dataset group with domain schemas and the shop of domain_data.py imported;
# list-recipes --domain ECOMMERCE; create-recommender for "Best sellers" and "Recommended for you",
# describe-recommender until ACTIVE (modelMetrics shown), list-recommenders;
# personalize-runtime get-recommendations --recommender-arn (the user's purchases left out);
# stop-recommender to INACTIVE (get-recommendations refused), start-recommender back to ACTIVE;
# update-recommender with itemExplorationConfig (retrained; refused for a use case that does not
# explore); an Items schema without PRICE refused; delete-recommender. Prints "ok ..." per step; a failed check
# prints "FAIL <step>: ..." and exits 1.
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
HERE="$(cd "$(dirname "$0")" && pwd)"

WORK=$(mktemp -d)
export AWS_ACCESS_KEY_ID=AKIDTEST AWS_SECRET_ACCESS_KEY=secret AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
export AWS_CONFIG_FILE="$WORK/config" AWS_SHARED_CREDENTIALS_FILE="$WORK/credentials"
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_DEFAULT_OUTPUT AWS_CA_BUNDLE || true

PREFIX="clidom-$(python3 -c 'import secrets; print(secrets.token_hex(3))')-"
RECIPE="arn:aws:personalize:::recipe"
STEP="start"

say() { printf 'ok   %s\n' "$*"; }
fail() {
  printf 'FAIL %s: %s\n' "$STEP" "$*" >&2
  exit 1
}
step() { STEP="$*"; }
pz() { "$AWS" --endpoint-url "$URL" --output json personalize "$@"; }
rt() { "$AWS" --endpoint-url "$URL" --output json personalize-runtime "$@"; }
json() { python3 -c 'import json, sys; d = json.load(sys.stdin); v = eval(sys.argv[1]); print(v if isinstance(v, str) else json.dumps(v))' "$1"; }

# wait_for WHAT WANTED DESCRIBE-ARGS...: polls until the status is WANTED (300 s); a CREATE FAILED fails the step.
wait_for() {
  local what="$1" wanted="$2" out status deadline=$((SECONDS + 300))
  shift 2
  while :; do
    out=$(pz "$@")
    status=$(json "d['$what']['status']" <<<"$out")
    [[ "$status" == "$wanted" ]] && { DESCRIBED="$out"; return 0; }
    [[ "$status" == "CREATE FAILED" ]] && fail "$what is CREATE FAILED: $(json "d['$what'].get('failureReason', '')" <<<"$out")"
    ((SECONDS < deadline)) || fail "$what still '$status' after 300 s"
    sleep 0.3
  done
}

step "an ECOMMERCE domain dataset group"
python3 "$HERE/../python/domain_data.py" ECOMMERCE "$WORK/shop"
GROUP=$(pz create-dataset-group --name "${PREFIX}shop" --domain ECOMMERCE | json "d['datasetGroupArn']")
wait_for datasetGroup ACTIVE describe-dataset-group --dataset-group-arn "$GROUP"
for TYPE in Interactions Items Users; do
  LOWER=$(tr '[:upper:]' '[:lower:]' <<<"$TYPE")
  SCHEMA=$(pz create-schema --name "${PREFIX}$LOWER" --domain ECOMMERCE --schema "file://$WORK/shop/$LOWER.avsc" | json "d['schemaArn']")
  DATASET=$(pz create-dataset --name "${PREFIX}$LOWER" --dataset-group-arn "$GROUP" --dataset-type "$TYPE" --schema-arn "$SCHEMA" | json "d['datasetArn']")
  wait_for dataset ACTIVE describe-dataset --dataset-arn "$DATASET"
  JOB=$(pz create-dataset-import-job --job-name "${PREFIX}$LOWER" --dataset-arn "$DATASET" \
    --data-source "dataLocation=file://$WORK/shop/$LOWER.csv" --role-arn arn:aws:iam::000000000000:role/x | json "d['datasetImportJobArn']")
  wait_for datasetImportJob ACTIVE describe-dataset-import-job --dataset-import-job-arn "$JOB"
done
say "$STEP with Interactions, Items and Users imported"

step "an Items schema without PRICE"
python3 -c 'import json, sys; s = json.load(open(sys.argv[1])); s["fields"] = [f for f in s["fields"] if f["name"] != "PRICE"]; json.dump(s, open(sys.argv[2], "w"))' \
  "$WORK/shop/items.avsc" "$WORK/no-price.avsc"
if OUT=$(pz create-schema --name "${PREFIX}no-price" --domain ECOMMERCE --schema "file://$WORK/no-price.avsc" 2>&1); then
  fail "accepted: $OUT"
fi
grep -q "InvalidInputException" <<<"$OUT" && grep -q "PRICE" <<<"$OUT" || fail "$OUT"
say "$STEP is refused naming the field"

step "list-recipes --domain ECOMMERCE"
NAMES=$(pz list-recipes --domain ECOMMERCE | json "[r['name'] for r in d['recipes']]")
[[ "$NAMES" == '["aws-ecomm-customers-who-viewed-x-also-viewed", "aws-ecomm-frequently-bought-together", "aws-ecomm-popular-items-by-purchases", "aws-ecomm-popular-items-by-views", "aws-ecomm-recommended-for-you"]' ]] || fail "$NAMES"
say "$STEP"

step "create-recommender"
BEST=$(pz create-recommender --name "${PREFIX}best-sellers" --dataset-group-arn "$GROUP" --recipe-arn "$RECIPE/aws-ecomm-popular-items-by-purchases" | json "d['recommenderArn']")
FORYOU=$(pz create-recommender --name "${PREFIX}for-you" --dataset-group-arn "$GROUP" --recipe-arn "$RECIPE/aws-ecomm-recommended-for-you" \
  --recommender-config '{"minRecommendationRequestsPerSecond": 1}' | json "d['recommenderArn']")
wait_for recommender ACTIVE describe-recommender --recommender-arn "$BEST"
wait_for recommender ACTIVE describe-recommender --recommender-arn "$FORYOU"
[[ $(json "'coverage' in d['recommender']['modelMetrics']" <<<"$DESCRIBED") == "true" ]] || fail "no modelMetrics: $DESCRIBED"
COUNT=$(pz list-recommenders --dataset-group-arn "$GROUP" | json "len(d['recommenders'])")
[[ "$COUNT" == "2" ]] || fail "list-recommenders: $COUNT"
say "$STEP, describe-recommender until ACTIVE with modelMetrics, list-recommenders"

step "get-recommendations --recommender-arn"
ITEMS=$(rt get-recommendations --recommender-arn "$FORYOU" --user-id user-000 --num-results 10 | json "[i['itemId'] for i in d['itemList']]")
BOUGHT=$(python3 -c 'import json, sys; print(json.dumps(sorted({l.split(",")[1] for l in open(sys.argv[1]) if l.startswith("user-000,") and ",Purchase," in l})))' "$WORK/shop/interactions.csv")
python3 -c 'import json, sys; items, bought = json.loads(sys.argv[1]), json.loads(sys.argv[2]); sys.exit(0 if len(items) == 10 and not set(items) & set(bought) else 1)' "$ITEMS" "$BOUGHT" \
  || fail "recommended $ITEMS, bought $BOUGHT"
say "$STEP leaves out the user's purchases"

step "stop-recommender"
pz stop-recommender --recommender-arn "$BEST" >/dev/null
wait_for recommender INACTIVE describe-recommender --recommender-arn "$BEST"
if OUT=$(rt get-recommendations --recommender-arn "$BEST" --user-id user-001 2>&1); then
  fail "a stopped recommender answered: $OUT"
fi
grep -q "INACTIVE" <<<"$OUT" || fail "$OUT"
pz start-recommender --recommender-arn "$BEST" >/dev/null
wait_for recommender ACTIVE describe-recommender --recommender-arn "$BEST"
rt get-recommendations --recommender-arn "$BEST" --user-id user-001 --num-results 3 >/dev/null
say "$STEP refuses requests; start-recommender serves again"

step "update-recommender"
# The CLI 2.9.19 model knows minRecommendationRequestsPerSecond and itemExplorationConfig only.
pz update-recommender --recommender-arn "$FORYOU" --recommender-config \
  '{"minRecommendationRequestsPerSecond": 3, "itemExplorationConfig": {"explorationWeight": "0.3", "explorationItemAgeCutOff": "30"}}' >/dev/null
DEADLINE=$((SECONDS + 300))
until [[ $(pz describe-recommender --recommender-arn "$FORYOU" | json "d['recommender']['latestRecommenderUpdate']['status']") == "ACTIVE" ]]; do
  ((SECONDS < DEADLINE)) || fail "the update is not ACTIVE"
  sleep 0.3
done
CONFIG=$(pz describe-recommender --recommender-arn "$FORYOU" | json "d['recommender']['recommenderConfig']")
[[ $(json "d['minRecommendationRequestsPerSecond'], d['itemExplorationConfig']['explorationWeight']" <<<"$CONFIG") == '[3, "0.3"]' ]] || fail "$CONFIG"
if OUT=$(pz update-recommender --recommender-arn "$BEST" --recommender-config '{"itemExplorationConfig": {"explorationWeight": "0.3"}}' 2>&1); then
  fail "exploration accepted for best sellers: $OUT"
fi
grep -q "does not explore" <<<"$OUT" || fail "$OUT"
say "$STEP retrains with the new exploration and shows it; a use case that does not explore refuses it"

step "delete-recommender"
pz delete-recommender --recommender-arn "$BEST" >/dev/null
DEADLINE=$((SECONDS + 60))
while pz describe-recommender --recommender-arn "$BEST" >/dev/null 2>&1; do
  ((SECONDS < DEADLINE)) || fail "still there"
  sleep 0.3
done
say "$STEP"
echo "aws cli domain: all passed"
