#!/usr/bin/env bash
# Batch segment jobs through the Debian AWS CLI v2 (package awscli 2.9.19, whose model has
# create-batch-segment-job, describe-batch-segment-job and list-batch-segment-jobs).
#
# Usage: aws_cli_segments.sh http://127.0.0.1:PORT
#
# Imports the genre shop of ../python/workflow_data.py with its Items, trains aws-item-affinity and
# aws-item-attribute-affinity, runs a batch segment job of each from a local file, and checks that
# describe-recipe says USER_SEGMENTATION, that an itemId line's recommendedUsers are the fans of the
# movie's genre, that an itemAttributes line's are the fans of the queried genre, that
# list-batch-segment-jobs lists the job under its version, and that a segment job on an
# aws-item-affinity version with --num-results 0 is refused naming numResults. Names carry a random
# prefix (cliseg-<hex>-); whatever the run made is deleted on exit. Exits 0 when every step passed,
# 1 on a failed check ("FAIL <step>: ..."), the CLI's own code when a call fails unexpectedly, 2 on
# bad usage or without the Debian CLI.
set -euo pipefail

WORKFLOW_DATA="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/../python/workflow_data.py"

CLI_NAME="segments"
CLI_PREFIX="cliseg"
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
say "genre shop imported"

declare -A VERSIONS
for recipe in aws-item-affinity aws-item-attribute-affinity; do
  step "train $recipe"
  expect_eq "$recipe's type" USER_SEGMENTATION "$(pz describe-recipe --recipe-arn "$RECIPES/$recipe" --query recipe.recipeType --output text)"
  solution=$(pz create-solution --name "${PREFIX}$recipe" --dataset-group-arn "$GROUP" --recipe-arn "$RECIPES/$recipe" --query solutionArn --output text)
  CREATED+=("solution $solution")
  wait_active solution describe-solution --solution-arn "$solution"
  VERSIONS[$recipe]=$(pz create-solution-version --solution-arn "$solution" --query solutionVersionArn --output text)
  wait_active solutionVersion describe-solution-version --solution-version-arn "${VERSIONS[$recipe]}"
  say "$recipe is USER_SEGMENTATION and trained"
done

# segments RECIPE NUM LINES...: runs a job over the lines, prints the output file's lines.
segments() {
  local recipe="$1" num="$2" name arn
  shift 2
  name="${PREFIX}$(python3 -c 'import secrets; print(secrets.token_hex(3))')"
  printf '%s\n' "$@" >"$WORK/$name.json"
  arn=$(pz create-batch-segment-job --job-name "$name" --solution-version-arn "${VERSIONS[$recipe]}" --num-results "$num" --role-arn "$ROLE" \
    --job-input "{\"s3DataSource\": {\"path\": \"file://$WORK/$name.json\"}}" \
    --job-output "{\"s3DataDestination\": {\"path\": \"file://$WORK/$name-out\"}}" --query batchSegmentJobArn --output text)
  wait_active batchSegmentJob describe-batch-segment-job --batch-segment-job-arn "$arn"
  cat "$WORK/$name-out/$name.json.out"
}

# fans GENRE: how many users of the output line on stdin follow GENRE.
fans() {
  python3 -c 'import json, sys; d = json.load(sys.stdin); print(sum(1 for u in d["output"]["recommendedUsers"] if ["Action", "Comedy", "Documentary", "Drama", "Horror", "SciFi"][int(u.split("-")[1]) % 6] == sys.argv[1]))' "$1"
}

step "create-batch-segment-job with itemId lines"
out=$(segments aws-item-affinity 12 '{"itemId": "movie-085"}')
expect_eq "the echoed input" '{"itemId": "movie-085"}' "$(json "d['input']" <<<"$out")"
n=$(fans Horror <<<"$out")
((n >= 10)) || fail "expected at least 10 Horror fans among 12 users of movie-085's segment (other users may have watched it), got $n"
say "the segment of movie-085 is $n Horror fans of 12"

step "create-batch-segment-job with itemAttributes lines"
out=$(segments aws-item-attribute-affinity 30 '{"itemAttributes": "ITEMS.GENRES = \"Documentary\""}')
expect_eq "Documentary fans among 30 users of the Documentary segment" 30 "$(fans Documentary <<<"$out")"
say "the segment of ITEMS.GENRES = \"Documentary\" is its 30 fans"

step "list-batch-segment-jobs"
expect_eq "jobs of the aws-item-affinity version" 1 \
  "$(pz list-batch-segment-jobs --solution-version-arn "${VERSIONS[aws-item-affinity]}" --query 'length(batchSegmentJobs)' --output text)"
say "list-batch-segment-jobs lists the job under its version"

step "--num-results 0"
rc=0
pz create-batch-segment-job --job-name "${PREFIX}zero" --solution-version-arn "${VERSIONS[aws-item-affinity]}" --num-results 0 --role-arn "$ROLE" \
  --job-input "{\"s3DataSource\": {\"path\": \"file://$WORK/x.json\"}}" --job-output "{\"s3DataDestination\": {\"path\": \"file://$WORK/x-out\"}}" \
  >"$WORK/out" 2>"$WORK/err" || rc=$?
expect_eq "exit code" 254 "$rc"
grep -q "(InvalidInputException)" "$WORK/err" || fail "expected InvalidInputException, got: $(head -c 300 "$WORK/err")"
grep -qF "numResults" "$WORK/err" || fail "expected the message to name numResults, got: $(head -c 300 "$WORK/err")"
say "--num-results 0: InvalidInputException naming numResults"
