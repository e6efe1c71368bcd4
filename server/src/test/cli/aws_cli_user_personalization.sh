#!/usr/bin/env bash
# aws-user-personalization through the Debian AWS CLI v2 (package awscli 2.9.19).
#
# Usage: aws_cli_user_personalization.sh http://127.0.0.1:PORT
#
# That CLI's models know the recipe's members (itemExplorationConfig, PutEvents' impression and
# recommendationId) but not PredictedItem.reason, so this run checks what it can see: the genre shop
# of ../python/workflow_data.py imported with its Items (new movies created 30 days after the
# interactions: young), describe-recipe, an aws-user-personalization solution trained with small
# settings, a campaign with --campaign-config itemExplorationConfig explorationWeight 0 (scores of
# every item summing to 1) and one with 0.9 (most of users' top 10 are new
# movies), put-events with an impression and with a recommendationId, and an explorationWeight of 2
# refused naming the member. Names carry a random prefix (cliup-<hex>-); whatever the run made is
# deleted on exit. Exits 0 when every step passed, 1 on a failed check.
set -euo pipefail

WORKFLOW_DATA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../python/workflow_data.py"

CLI_NAME="user-personalization"
CLI_PREFIX="cliup"
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/cli_harness.sh"

wait_trained() {
  local deadline=$((SECONDS + 600)) status
  while :; do
    status=$(pz describe-solution-version --solution-version-arn "$1" --query solutionVersion.status --output text)
    [[ "$status" == ACTIVE ]] && return 0
    [[ "$status" == "CREATE FAILED" ]] && fail "training failed: $(pz describe-solution-version --solution-version-arn "$1" --query solutionVersion.failureReason --output text)"
    ((SECONDS < deadline)) || fail "training still '$status' after 600 s"
    sleep 0.5
  done
}

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
say "genre shop imported"

step "describe-recipe"
expect_eq "recipe type" USER_PERSONALIZATION "$(pz describe-recipe --recipe-arn "$RECIPES/aws-user-personalization" --query recipe.recipeType --output text)"
say "describe-recipe aws-user-personalization: USER_PERSONALIZATION"

step "train and deploy"
SOLUTION=$(pz create-solution --name "${PREFIX}up" --dataset-group-arn "$GROUP" --recipe-arn "$RECIPES/aws-user-personalization" \
  --solution-config '{"algorithmHyperParameters": {"hidden_dimension": "32", "epochs": "8", "batch_size": "32", "bptt": "8", "threads": "2"}}' \
  --query solutionArn --output text)
CREATED+=("solution $SOLUTION")
wait_active solution describe-solution --solution-arn "$SOLUTION"
VERSION=$(pz create-solution-version --solution-arn "$SOLUTION" --query solutionVersionArn --output text)
wait_trained "$VERSION"
declare -A CAMPAIGNS
for weight in 0 0.9; do
  arn=$(pz create-campaign --name "${PREFIX}w${weight/./}" --solution-version-arn "$VERSION" \
    --campaign-config "{\"itemExplorationConfig\": {\"explorationWeight\": \"$weight\", \"explorationItemAgeCutOff\": \"30\"}}" --query campaignArn --output text)
  CREATED+=("campaign $arn")
  wait_active campaign describe-campaign --campaign-arn "$arn"
  CAMPAIGNS[$weight]=$arn
done
expect_eq "explorationWeight" 0.9 "$(pz describe-campaign --campaign-arn "${CAMPAIGNS[0.9]}" --query campaign.campaignConfig.itemExplorationConfig.explorationWeight --output text)"
say "campaigns with explorationWeight 0 and 0.9"

step "exploration"
total=$(rt get-recommendations --campaign-arn "${CAMPAIGNS[0]}" --user-id user-004 --num-results 500 | json "round(sum(i['score'] for i in d['itemList']), 6)")
expect_eq "the sum of every item's score" 1.0 "$total"
young0=0
young9=0
for u in 001 002 003 004; do
  n0=$(rt get-recommendations --campaign-arn "${CAMPAIGNS[0]}" --user-id "user-$u" --num-results 10 | json "str(sum(1 for i in d['itemList'] if i['itemId'].startswith('new-')))")
  n9=$(rt get-recommendations --campaign-arn "${CAMPAIGNS[0.9]}" --user-id "user-$u" --num-results 10 | json "str(sum(1 for i in d['itemList'] if i['itemId'].startswith('new-')))")
  young0=$((young0 + n0))
  young9=$((young9 + n9))
done
((young9 >= 28)) || fail "expected most of 40 slots to go to new movies at weight 0.9, got $young9"
((young9 > young0 + 16)) || fail "expected far more new movies at weight 0.9 ($young9) than at 0 ($young0)"
say "new movies in 40 slots: $young0 at weight 0, $young9 at weight 0.9; scores sum to 1"

step "put-events with impressions"
TRACKER=$(pz create-event-tracker --name "${PREFIX}tracker" --dataset-group-arn "$GROUP" --query eventTrackerArn --output text)
CREATED+=("event-tracker $TRACKER")
wait_active eventTracker describe-event-tracker --event-tracker-arn "$TRACKER"
TRACKING=$(pz describe-event-tracker --event-tracker-arn "$TRACKER" --query eventTracker.trackingId --output text)
RID=$(rt get-recommendations --campaign-arn "${CAMPAIGNS[0]}" --user-id user-010 --num-results 5 --query recommendationId --output text)
"$AWS" --endpoint-url "$URL" personalize-events put-events --tracking-id "$TRACKING" --user-id user-010 --session-id s1 --event-list \
  "[{\"eventType\": \"watch\", \"itemId\": \"movie-003\", \"sentAt\": 1700900000, \"impression\": [\"movie-003\", \"movie-004\"]}, {\"eventType\": \"watch\", \"itemId\": \"movie-005\", \"sentAt\": 1700900060, \"recommendationId\": \"$RID\"}]"
say "put-events with an impression and with a recommendationId"

step "a bad exploration weight"
rc=0
pz create-campaign --name "${PREFIX}bad" --solution-version-arn "$VERSION" --campaign-config '{"itemExplorationConfig": {"explorationWeight": "2"}}' \
  >"$WORK/out" 2>"$WORK/err" || rc=$?
expect_eq "exit code" 254 "$rc"
grep -q "(InvalidInputException)" "$WORK/err" || fail "expected InvalidInputException, got: $(head -c 300 "$WORK/err")"
grep -qF "explorationWeight" "$WORK/err" || fail "expected the message to name explorationWeight, got: $(head -c 300 "$WORK/err")"
say "explorationWeight 2: InvalidInputException naming the member"
