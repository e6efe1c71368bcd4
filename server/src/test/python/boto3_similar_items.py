#!/usr/bin/env python3
"""aws-similar-items through the real boto3 clients.

Usage: python3 boto3_similar_items.py http://127.0.0.1:PORT

Imports the genre shop of workflow_data.py (Interactions and Items datasets: 120 watched movies and
120 new movies that only the Items dataset knows), trains aws-similar-items and aws-sims, deploys a
campaign of each and checks:

- ListRecipes lists aws-similar-items; DescribeRecipe gives RELATED_ITEMS with its algorithm and
  feature transformation ARNs; DescribeAlgorithm its documented hyperparameters; an out-of-range
  item_metadata_hidden_dim is refused naming it;
- GetRecommendations with the itemId of a new movie (no interaction at all): ten movies of its genre,
  no scores, where aws-sims can only answer popular movies; a watched movie's 25 similar items hold
  new movies of its genre;
- a CurrentItem filter leaves out the query movie's genre;
- GetSolutionMetrics answers a related-items recipe's metrics;
- a batch inference job of itemId lines answers each line as GetRecommendations does.

Prints one line per check group ("ok   ..." or "FAIL ...") and exits 0 when every group passed, 1
otherwise (2 on bad usage). Needs only the Python standard library and boto3/botocore.
"""

import json
import os
import secrets
import sys
import tempfile
import time
import traceback

import boto3
import botocore.config
import botocore.exceptions

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workflow_data as shop  # noqa: E402 - the shared fixture lives beside this script
from boto3_recipes import SCHEMAS, CheckFailed, check, check_eq  # noqa: E402

REGION = "us-east-1"
RECIPE_PREFIX = "arn:aws:personalize:::recipe/"
SIMILAR = "aws-similar-items"
SIMS = "aws-sims"
ROLE = "arn:aws:iam::000000000000:role/batch"
POLL_INTERVAL = 0.2


class Run:
    def __init__(self, url, folder):
        config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=60)
        common = dict(endpoint_url=url, region_name=REGION, aws_access_key_id="AKIDTEST",
                      aws_secret_access_key="secret", config=config)
        self.pz = boto3.client("personalize", **common)
        self.rt = boto3.client("personalize-runtime", **common)
        self.prefix = f"similar-{secrets.token_hex(4)}-"
        self.folder = folder
        self.campaigns = {}
        self.versions = {}
        self.group = None


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


def setup():
    pz = RUN.pz
    files = shop.write_genre_shop(RUN.folder)
    group = pz.create_dataset_group(name=RUN.prefix + "shop")["datasetGroupArn"]
    wait(lambda: pz.describe_dataset_group(datasetGroupArn=group), "datasetGroup")
    for kind in ("Interactions", "Items"):
        schema = pz.create_schema(name=RUN.prefix + kind.lower(), schema=json.dumps(SCHEMAS[kind]))["schemaArn"]
        dataset = pz.create_dataset(name=RUN.prefix + kind.lower(), datasetGroupArn=group, datasetType=kind,
                                    schemaArn=schema)["datasetArn"]
        wait(lambda: pz.describe_dataset(datasetArn=dataset), "dataset")
        job = pz.create_dataset_import_job(jobName=RUN.prefix + kind.lower(), datasetArn=dataset,
                                           dataSource={"dataLocation": "file://" + files[kind]},
                                           roleArn=ROLE)["datasetImportJobArn"]
        wait(lambda: pz.describe_dataset_import_job(datasetImportJobArn=job), "datasetImportJob")
    RUN.group = group
    for recipe in (SIMILAR, SIMS):
        solution = pz.create_solution(name=RUN.prefix + recipe[4:], datasetGroupArn=group,
                                      recipeArn=RECIPE_PREFIX + recipe)["solutionArn"]
        wait(lambda: pz.describe_solution(solutionArn=solution), "solution")
        version = pz.create_solution_version(solutionArn=solution)["solutionVersionArn"]
        wait(lambda: pz.describe_solution_version(solutionVersionArn=version), "solutionVersion")
        campaign = pz.create_campaign(name=RUN.prefix + recipe[4:], solutionVersionArn=version)["campaignArn"]
        wait(lambda: pz.describe_campaign(campaignArn=campaign), "campaign")
        RUN.versions[recipe] = version
        RUN.campaigns[recipe] = campaign


def related(recipe, item, n, **extra):
    items = RUN.rt.get_recommendations(campaignArn=RUN.campaigns[recipe], itemId=item, numResults=n, **extra)["itemList"]
    check(all("score" not in i for i in items), f"{recipe} answers carry no scores: {items[:3]}")
    return [i["itemId"] for i in items]


def check_recipe():
    listed = {r["name"]: r for r in RUN.pz.list_recipes(maxResults=100)["recipes"]}
    check(SIMILAR in listed, f"ListRecipes should list {SIMILAR}, got {sorted(listed)}")
    recipe = RUN.pz.describe_recipe(recipeArn=listed[SIMILAR]["recipeArn"])["recipe"]
    check_eq(recipe["recipeType"], "RELATED_ITEMS", "recipeType")
    check_eq(recipe["algorithmArn"], "arn:aws:personalize:::algorithm/aws-similar-items", "algorithmArn")
    check_eq(recipe["featureTransformationArn"], "arn:aws:personalize:::feature-transformation/similar-items",
             "featureTransformationArn")
    defaults = RUN.pz.describe_algorithm(algorithmArn=recipe["algorithmArn"])["algorithm"]["defaultHyperParameters"]
    check_eq(defaults.get("item_metadata_hidden_dim"), "100", "item_metadata_hidden_dim default")
    try:
        RUN.pz.create_solution(name=RUN.prefix + "bad", datasetGroupArn=RUN.group, recipeArn=RECIPE_PREFIX + SIMILAR,
                               solutionConfig={"algorithmHyperParameters": {"item_metadata_hidden_dim": "20"}})
        raise CheckFailed("item_metadata_hidden_dim 20 should be refused")
    except botocore.exceptions.ClientError as e:
        check_eq(e.response["Error"]["Code"], "InvalidInputException", "error code")
        check("item_metadata_hidden_dim must be in [30, 200], got 20" in e.response["Error"]["Message"],
              f"message should name the parameter: {e.response['Error']['Message']!r}")


def check_cold_items():
    similar_share = sims_share = 0
    for g, genre in enumerate(shop.GENRES):
        cold = shop.NEW_MOVIES[g * shop.PER_GENRE + 7]
        answer = related(SIMILAR, cold, 10)
        check_eq(len(answer), 10, f"{cold}: items answered")
        check(cold not in answer, f"{cold} should not be its own similar item")
        similar_share += sum(1 for i in answer if shop.genre_of(i) == genre)
        sims_share += sum(1 for i in related(SIMS, cold, 10) if shop.genre_of(i) == genre)
    check_eq(similar_share, 60, "similar items of new movies in their genre (of 60)")
    check(sims_share < 30, f"aws-sims can only answer popular movies for new ones, got {sims_share} of 60 in genre")
    warm = related(SIMILAR, "movie-065", 25)
    check(any(i.startswith("new-") and shop.genre_of(i) == "Drama" for i in warm),
          f"movie-065's similar items should hold new Drama movies: {warm}")
    return f"{similar_share} of 60 in the genre, aws-sims {sims_share}"


def check_current_item_filter():
    pz = RUN.pz
    arn = pz.create_filter(name=RUN.prefix + "other-genres", datasetGroupArn=RUN.group,
                           filterExpression="EXCLUDE ItemID WHERE Items.GENRES IN CurrentItem.GENRES")["filterArn"]
    wait(lambda: pz.describe_filter(filterArn=arn), "filter")
    answer = related(SIMILAR, "new-087", 10, filterArn=arn)
    check_eq(len(answer), 10, "filtered items answered")
    check(all(shop.genre_of(i) != "Horror" for i in answer), f"no Horror movie for new-087: {answer}")


def check_metrics():
    metrics = RUN.pz.get_solution_metrics(solutionVersionArn=RUN.versions[SIMILAR])["metrics"]
    for key in ("coverage", "mean_reciprocal_rank_at_25", "normalized_discounted_cumulative_gain_at_10", "precision_at_25"):
        check(key in metrics, f"metrics should have {key}: {sorted(metrics)}")


def check_batch():
    source = os.path.join(RUN.folder, "batch-in")
    os.makedirs(source)
    items = ["new-031", "movie-002", "nobody-knows-this"]
    with open(os.path.join(source, "items.json"), "w", encoding="utf-8") as f:
        f.write("\n".join(json.dumps({"itemId": i}) for i in items) + "\n")
    destination = os.path.join(RUN.folder, "batch-out")
    arn = RUN.pz.create_batch_inference_job(
        jobName=RUN.prefix + "batch", solutionVersionArn=RUN.versions[SIMILAR], numResults=5, roleArn=ROLE,
        jobInput={"s3DataSource": {"path": "file://" + source + "/"}},
        jobOutput={"s3DataDestination": {"path": "file://" + destination + "/"}})["batchInferenceJobArn"]
    wait(lambda: RUN.pz.describe_batch_inference_job(batchInferenceJobArn=arn), "batchInferenceJob")
    with open(os.path.join(destination, "items.json.out"), encoding="utf-8") as f:
        lines = [json.loads(line) for line in f if line.strip()]
    check_eq([line["input"]["itemId"] for line in lines], items, "batch lines in input order")
    for line in lines[:2]:
        check_eq(line["output"]["recommendedItems"], related(SIMILAR, line["input"]["itemId"], 5),
                 f"batch answer for {line['input']['itemId']}")
    check_eq(len(lines[2]["output"]["recommendedItems"]), 5, "an unknown item gets popular items")


GROUPS = [("recipe listed, described and checked", check_recipe), ("cold items", check_cold_items),
          ("CurrentItem filter", check_current_item_filter), ("solution metrics", check_metrics),
          ("batch inference of itemId lines", check_batch)]


def main(argv):
    global RUN
    if len(argv) != 2 or not argv[1].startswith(("http://", "https://")):
        print(f"usage: {argv[0]} http://127.0.0.1:PORT", file=sys.stderr)
        return 2
    for variable in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL"):
        os.environ.pop(variable, None)
    failed = []
    with tempfile.TemporaryDirectory(prefix="tastemaker-similar-") as folder:
        RUN = Run(argv[1].rstrip("/"), folder)
        try:
            setup()
            print("ok   aws-similar-items and aws-sims imported, trained and deployed")
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
        print(f"boto3 similar items: FAILED ({', '.join(failed)})")
        return 1
    print(f"boto3 similar items: all {len(GROUPS)} groups passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
