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

CLI_NAME="rules"
CLI_PREFIX="clirules"
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/cli_harness.sh"

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
