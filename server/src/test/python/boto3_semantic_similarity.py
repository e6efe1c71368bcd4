#!/usr/bin/env python3
"""aws-semantic-similarity through the real boto3 clients.

Usage: python3 boto3_semantic_similarity.py http://127.0.0.1:PORT

Imports a catalogue with planted topics (3 topics of 20 items; each description says three of its
topic's six ideas, each with one of two synonyms, so two items of a topic often share no word) into a
group with the Items dataset alone, trains aws-semantic-similarity, deploys it and checks:

- ListRecipes lists aws-semantic-similarity; DescribeRecipe gives RELATED_ITEMS with its algorithm and
  feature transformation ARNs; an out-of-range embedding_dimension is refused naming it;
- training needs no Interactions dataset, and GetSolutionMetrics then has no metrics to report;
- GetRecommendations with an itemId: similar items of its topic, without scores;
- a CurrentItem filter leaves out the query item's brand;
- a batch inference job of itemId lines answers each line as GetRecommendations does.

Prints one line per check group ("ok   ..." or "FAIL ...") and exits 0 when every group passed, 1
otherwise (2 on bad usage). Needs only the Python standard library and boto3/botocore.
"""

import json
import os
import random
import secrets
import sys
import tempfile
import time
import traceback

import boto3
import botocore.config
import botocore.exceptions

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from boto3_recipes import CheckFailed, check, check_eq  # noqa: E402

REGION = "us-east-1"
RECIPE = "aws-semantic-similarity"
RECIPE_ARN = "arn:aws:personalize:::recipe/" + RECIPE
ROLE = "arn:aws:iam::000000000000:role/batch"
POLL_INTERVAL = 0.2
TOPICS = {
    "kitchen": ["skillet", "frypan", "knife", "cleaver", "saucepan", "stockpot",
                "spatula", "turner", "colander", "strainer", "kettle", "boiler"],
    "garden": ["hose", "sprinkler", "spade", "shovel", "rake", "harrow",
               "pruner", "secateurs", "planter", "flowerpot", "seedling", "sapling"],
    "camping": ["tent", "shelter", "lantern", "torch", "sleepingbag", "bedroll",
                "stove", "burner", "compass", "navigator", "backpack", "rucksack"],
}
COMMON = ["quality", "durable", "value", "classic", "premium", "compact", "everyday", "gift", "sturdy", "light"]
BRANDS = ["acme", "zenith", "orbit"]
ITEMS_SCHEMA = {
    "type": "record", "name": "Items", "namespace": "com.amazonaws.personalize.schema",
    "fields": [{"name": "ITEM_ID", "type": "string"},
               {"name": "BRAND", "type": ["null", "string"], "categorical": True},
               {"name": "DESCRIPTION", "type": ["null", "string"], "textual": True}],
    "version": "1.0"}


class Run:
    def __init__(self, url, folder):
        config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=60)
        common = dict(endpoint_url=url, region_name=REGION, aws_access_key_id="AKIDTEST",
                      aws_secret_access_key="secret", config=config)
        self.pz = boto3.client("personalize", **common)
        self.rt = boto3.client("personalize-runtime", **common)
        self.prefix = f"semantic-{secrets.token_hex(4)}-"
        self.folder = folder
        self.brands = {}
        self.group = self.version = self.campaign = None


RUN = None


def wait(describe, key, timeout=600.0):
    deadline = time.monotonic() + timeout
    while True:
        obj = describe()[key]
        if obj.get("status") in ("ACTIVE", "CREATE FAILED"):
            check_eq(obj["status"], "ACTIVE", f"{key} status (failureReason {obj.get('failureReason')!r})")
            return obj
        check(time.monotonic() < deadline, f"{key} still {obj.get('status')!r}")
        time.sleep(POLL_INTERVAL)


def write_items():
    rng = random.Random(11)
    path = os.path.join(RUN.folder, "items.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("ITEM_ID,BRAND,DESCRIPTION\n")
        for topic, words in TOPICS.items():
            for k in range(20):
                ideas = rng.sample(range(6), 3)
                said = [words[2 * idea + rng.randrange(2)] for idea in ideas]
                item, brand = f"{topic}-{k:02d}", rng.choice(BRANDS)
                RUN.brands[item] = brand
                f.write(f'{item},{brand},"A {rng.choice(COMMON)} {said[0]} with a {said[1]} and a {said[2]}"\n')
    return path


def setup():
    pz = RUN.pz
    group = pz.create_dataset_group(name=RUN.prefix + "catalogue")["datasetGroupArn"]
    wait(lambda: pz.describe_dataset_group(datasetGroupArn=group), "datasetGroup")
    schema = pz.create_schema(name=RUN.prefix + "items", schema=json.dumps(ITEMS_SCHEMA))["schemaArn"]
    dataset = pz.create_dataset(name=RUN.prefix + "items", datasetGroupArn=group, datasetType="Items",
                                schemaArn=schema)["datasetArn"]
    wait(lambda: pz.describe_dataset(datasetArn=dataset), "dataset")
    job = pz.create_dataset_import_job(jobName=RUN.prefix + "items", datasetArn=dataset,
                                       dataSource={"dataLocation": "file://" + write_items()},
                                       roleArn=ROLE)["datasetImportJobArn"]
    wait(lambda: pz.describe_dataset_import_job(datasetImportJobArn=job), "datasetImportJob")
    RUN.group = group
    solution = pz.create_solution(name=RUN.prefix + "semantic", datasetGroupArn=group, recipeArn=RECIPE_ARN,
                                  solutionConfig={"algorithmHyperParameters": {"embedding_dimension": "8"}})["solutionArn"]
    wait(lambda: pz.describe_solution(solutionArn=solution), "solution")
    RUN.version = pz.create_solution_version(solutionArn=solution)["solutionVersionArn"]
    wait(lambda: pz.describe_solution_version(solutionVersionArn=RUN.version), "solutionVersion")
    RUN.campaign = pz.create_campaign(name=RUN.prefix + "semantic", solutionVersionArn=RUN.version)["campaignArn"]
    wait(lambda: pz.describe_campaign(campaignArn=RUN.campaign), "campaign")


def related(item, n, **extra):
    items = RUN.rt.get_recommendations(campaignArn=RUN.campaign, itemId=item, numResults=n, **extra)["itemList"]
    check(all("score" not in i for i in items), f"answers carry no scores: {items[:3]}")
    return [i["itemId"] for i in items]


def check_recipe():
    listed = {r["name"]: r for r in RUN.pz.list_recipes(maxResults=100)["recipes"]}
    check(RECIPE in listed, f"ListRecipes should list {RECIPE}, got {sorted(listed)}")
    recipe = RUN.pz.describe_recipe(recipeArn=RECIPE_ARN)["recipe"]
    check_eq(recipe["recipeType"], "RELATED_ITEMS", "recipeType")
    check_eq(recipe["algorithmArn"], "arn:aws:personalize:::algorithm/aws-semantic-similarity", "algorithmArn")
    check_eq(recipe["featureTransformationArn"], "arn:aws:personalize:::feature-transformation/semantic-similarity",
             "featureTransformationArn")
    try:
        RUN.pz.create_solution(name=RUN.prefix + "bad", datasetGroupArn=RUN.group, recipeArn=RECIPE_ARN,
                               solutionConfig={"algorithmHyperParameters": {"embedding_dimension": "600"}})
        raise CheckFailed("embedding_dimension 600 should be refused")
    except botocore.exceptions.ClientError as e:
        check_eq(e.response["Error"]["Code"], "InvalidInputException", "error code")
        check("embedding_dimension must be in [2, 512], got 600" in e.response["Error"]["Message"],
              f"message should name the parameter: {e.response['Error']['Message']!r}")


def check_topics():
    alike = 0
    for topic in TOPICS:
        for k in range(0, 20, 4):
            item = f"{topic}-{k:02d}"
            answer = related(item, 10)
            check_eq(len(answer), 10, f"{item}: items answered")
            check(item not in answer, f"{item} should not be its own similar item")
            alike += sum(1 for i in answer if i.startswith(topic + "-"))
    check(alike >= 135, f"similar items in the query's topic: {alike} of 150 (chance gives about 50)")
    return f"{alike} of 150 in the topic"


def check_metrics():
    metrics = RUN.pz.get_solution_metrics(solutionVersionArn=RUN.version)["metrics"]
    check_eq(metrics, {}, "metrics of a version trained without interactions")


def check_current_item_filter():
    pz = RUN.pz
    arn = pz.create_filter(name=RUN.prefix + "other-brands", datasetGroupArn=RUN.group,
                           filterExpression="EXCLUDE ItemID WHERE Items.BRAND IN CurrentItem.BRAND")["filterArn"]
    wait(lambda: pz.describe_filter(filterArn=arn), "filter")
    answer = related("kitchen-05", 10, filterArn=arn)
    check_eq(len(answer), 10, "filtered items answered")
    own = RUN.brands["kitchen-05"]
    check(all(RUN.brands[i] != own for i in answer), f"no {own} item for kitchen-05: {answer}")


def check_batch():
    source = os.path.join(RUN.folder, "batch-in")
    os.makedirs(source)
    items = ["garden-07", "camping-11", "nobody-knows-this"]
    with open(os.path.join(source, "items.json"), "w", encoding="utf-8") as f:
        f.write("\n".join(json.dumps({"itemId": i}) for i in items) + "\n")
    destination = os.path.join(RUN.folder, "batch-out")
    arn = RUN.pz.create_batch_inference_job(
        jobName=RUN.prefix + "batch", solutionVersionArn=RUN.version, numResults=5, roleArn=ROLE,
        jobInput={"s3DataSource": {"path": "file://" + source + "/"}},
        jobOutput={"s3DataDestination": {"path": "file://" + destination + "/"}})["batchInferenceJobArn"]
    wait(lambda: RUN.pz.describe_batch_inference_job(batchInferenceJobArn=arn), "batchInferenceJob")
    with open(os.path.join(destination, "items.json.out"), encoding="utf-8") as f:
        lines = [json.loads(line) for line in f if line.strip()]
    check_eq([line["input"]["itemId"] for line in lines], items, "batch lines in input order")
    for line in lines[:2]:
        check_eq(line["output"]["recommendedItems"], related(line["input"]["itemId"], 5),
                 f"batch answer for {line['input']['itemId']}")
    check_eq(len(lines[2]["output"]["recommendedItems"]), 5, "an unknown item gets stand-in items")


GROUPS = [("recipe listed, described and checked", check_recipe), ("similar items by topic", check_topics),
          ("no metrics without interactions", check_metrics), ("CurrentItem filter", check_current_item_filter),
          ("batch inference of itemId lines", check_batch)]


def main(argv):
    global RUN
    if len(argv) != 2 or not argv[1].startswith(("http://", "https://")):
        print(f"usage: {argv[0]} http://127.0.0.1:PORT", file=sys.stderr)
        return 2
    for variable in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL"):
        os.environ.pop(variable, None)
    failed = []
    with tempfile.TemporaryDirectory(prefix="tastemaker-semantic-") as folder:
        RUN = Run(argv[1].rstrip("/"), folder)
        try:
            setup()
            print("ok   aws-semantic-similarity imported, trained and deployed from the Items dataset alone")
        except Exception as e:  # noqa: BLE001 - nothing else can run
            print(f"FAIL setup: {type(e).__name__}: {e}")
            traceback.print_exc()
            return 1
        for label, fn in GROUPS:
            try:
                note = fn()
                print(f"ok   {label}" + (f" [{note}]" if note else ""))
            except CheckFailed as e:
                failed.append(label)
                print(f"FAIL {label}: {e}")
            except Exception as e:  # noqa: BLE001 - report and go on
                failed.append(label)
                print(f"FAIL {label}: {type(e).__name__}: {e}")
                traceback.print_exc()
    if failed:
        print(f"boto3 semantic similarity: FAILED ({', '.join(failed)})")
        return 1
    print(f"boto3 semantic similarity: all {len(GROUPS)} groups passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
