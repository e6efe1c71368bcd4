#!/usr/bin/env bash
# aws-semantic-similarity through the Debian AWS CLI v2.
#
# Usage: aws_cli_semantic.sh http://127.0.0.1:PORT
#
# Imports a catalogue of 3 planted topics (kitchen, garden, camping; 12 items each, each description
# three of its topic's six ideas, each said with one of two synonyms) as the group's only dataset,
# and checks that describe-recipe says RELATED_ITEMS with its ARNs, that create-solution refuses an
# embedding_dimension out of range naming it, that the recipe trains without interactions, that
# get-recommendations --item-id answers items of the query's topic, and that get-solution-metrics has
# no metrics without interactions. Names carry a random prefix (clisem-<hex>-); whatever the run made
# is deleted on exit. Exits 0 when every step passed, 1 on a failed check ("FAIL <step>: ..."), the
# CLI's own code when a call fails unexpectedly, 2 on bad usage or without the Debian CLI.
set -euo pipefail

CLI_NAME="semantic"
CLI_PREFIX="clisem"
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/cli_harness.sh"

echo "$("$AWS" --version 2>&1) ($AWS) against $URL, prefix $PREFIX"

step "describe-recipe aws-semantic-similarity"
out=$(pz describe-recipe --recipe-arn "$RECIPES/aws-semantic-similarity")
expect_eq "recipeType" RELATED_ITEMS "$(json "d['recipe']['recipeType']" <<<"$out")"
expect_eq "algorithmArn" "arn:aws:personalize:::algorithm/aws-semantic-similarity" "$(json "d['recipe']['algorithmArn']" <<<"$out")"
expect_eq "featureTransformationArn" "arn:aws:personalize:::feature-transformation/semantic-similarity" \
  "$(json "d['recipe']['featureTransformationArn']" <<<"$out")"
say "describe-recipe: RELATED_ITEMS with its algorithm and feature transformation"

step "import the catalogue"
python3 - "$WORK/items.csv" <<'PY'
import random, sys
topics = {"kitchen": "skillet frypan knife cleaver saucepan stockpot spatula turner colander strainer kettle boiler",
          "garden": "hose sprinkler spade shovel rake harrow pruner secateurs planter flowerpot seedling sapling",
          "camping": "tent shelter lantern torch sleepingbag bedroll stove burner compass navigator backpack rucksack"}
rng = random.Random(5)
with open(sys.argv[1], "w") as f:
    f.write("ITEM_ID,DESCRIPTION\n")
    for topic, words in topics.items():
        words = words.split()
        for k in range(12):
            said = [words[2 * i + rng.randrange(2)] for i in rng.sample(range(6), 3)]
            f.write(f'{topic}-{k:02d},"A {rng.choice(["sturdy", "classic", "compact"])} {said[0]}, {said[1]} and {said[2]}"\n')
PY
GROUP=$(pz create-dataset-group --name "${PREFIX}catalogue" --query datasetGroupArn --output text)
CREATED+=("dataset-group $GROUP")
wait_active datasetGroup describe-dataset-group --dataset-group-arn "$GROUP"
ITEMS='{"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":[{"name":"ITEM_ID","type":"string"},{"name":"DESCRIPTION","type":["null","string"],"textual":true}],"version":"1.0"}'
schema=$(pz create-schema --name "${PREFIX}items" --schema "$ITEMS" --query schemaArn --output text)
CREATED+=("schema $schema")
dataset=$(pz create-dataset --name "${PREFIX}items" --dataset-group-arn "$GROUP" --dataset-type Items --schema-arn "$schema" --query datasetArn --output text)
CREATED+=("dataset $dataset")
wait_active dataset describe-dataset --dataset-arn "$dataset"
job=$(pz create-dataset-import-job --job-name "${PREFIX}items" --dataset-arn "$dataset" --role-arn "$ROLE" \
  --data-source "{\"dataLocation\": \"file://$WORK/items.csv\"}" --query datasetImportJobArn --output text)
wait_active datasetImportJob describe-dataset-import-job --dataset-import-job-arn "$job"
say "36 items imported, no interactions"

step "create-solution with embedding_dimension 1"
rc=0
pz create-solution --name "${PREFIX}bad" --dataset-group-arn "$GROUP" --recipe-arn "$RECIPES/aws-semantic-similarity" \
  --solution-config '{"algorithmHyperParameters": {"embedding_dimension": "1"}}' >"$WORK/out" 2>"$WORK/err" || rc=$?
expect_eq "exit code" 254 "$rc"
grep -qF "embedding_dimension must be in [2, 512], got 1" "$WORK/err" || fail "expected the range in the message, got: $(head -c 300 "$WORK/err")"
say "embedding_dimension 1: refused naming it and its range"

step "train and deploy aws-semantic-similarity"
solution=$(pz create-solution --name "${PREFIX}semantic" --dataset-group-arn "$GROUP" --recipe-arn "$RECIPES/aws-semantic-similarity" \
  --solution-config '{"algorithmHyperParameters": {"embedding_dimension": "6"}}' --query solutionArn --output text)
CREATED+=("solution $solution")
wait_active solution describe-solution --solution-arn "$solution"
version=$(pz create-solution-version --solution-arn "$solution" --query solutionVersionArn --output text)
wait_active solutionVersion describe-solution-version --solution-version-arn "$version"
campaign=$(pz create-campaign --name "${PREFIX}semantic" --solution-version-arn "$version" --query campaignArn --output text)
CREATED+=("campaign $campaign")
wait_active campaign describe-campaign --campaign-arn "$campaign"
say "trained from the Items dataset alone and deployed"

step "get-recommendations --item-id"
for item in kitchen-03 garden-08 camping-11; do
  topic=${item%-*}
  out=$(rt get-recommendations --campaign-arn "$campaign" --item-id "$item" --num-results 5)
  expect_eq "$item: items of its topic among 5" 5 "$(json "sum(1 for i in d['itemList'] if i['itemId'].startswith('$topic-') and i['itemId'] != '$item')" <<<"$out")"
done
say "get-recommendations: five items of the query's topic each"

step "get-solution-metrics"
expect_eq "metrics without interactions" "{}" "$(pz get-solution-metrics --solution-version-arn "$version" | json "d['metrics']")"
say "get-solution-metrics: none without interactions"
