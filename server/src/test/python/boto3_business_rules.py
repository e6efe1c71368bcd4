#!/usr/bin/env python3
"""The runtime's business rules through the real boto3 clients.

Usage: python3 boto3_business_rules.py http://127.0.0.1:PORT

Imports the genre shop of workflow_data.py (180 users watching runs of movies of one genre) with an
Items dataset whose items are dated and priced: movie n was created (37 n mod 120) + 1 days before
BASE, costs (n mod 7) + 0.99, and every tenth movie is also a Classic -- the same Items as AgedShop
in the Java tests. Trains aws-hrnn (small settings), aws-sims and aws-popularity-count, deploys an
aws-hrnn campaign with enableMetadataWithRecommendations, one with rankingInfluence FRESHNESS 1, an
aws-sims one, and an aws-popularity-count one on SolutionArn/$LATEST with
syncWithLatestSolutionVersion, and checks:

- promotions: a promotion's share of numResults holds the best items its filter admits, each with
  promotionName and reason ["Promoted item"], placed among the others by score; for aws-sims and
  aws-popularity-count in the model's order; a promotion without a filter is InvalidInputException.
- metadataColumns: the Items columns as imported text (GENRES with its "|", PRICE); refused on a
  campaign that does not enable them and above 50 results.
- reasons: aws-sims marks popular stand-ins "Popular item".
- rankingInfluence: DescribeCampaign echoes it; FRESHNESS 1 lowers the mean age of users' top 25
  against the plain campaign of the same version, and the scores of every item still sum to 1; a
  batch inference job with the same batchInferenceJobConfig writes the influenced campaign's answers.
- syncWithLatestSolutionVersion: the campaign on $LATEST serves the first version, and a second
  version it deploys by itself.

Names carry a random prefix (rules-<hex>-); whatever the run made is deleted at the end, also after
a failure. Prints one line per check group ("ok   ..." or "FAIL ...") and exits 0 when every group
passed, 1 otherwise (2 on bad usage). Needs only the Python standard library and boto3/botocore.
"""

import json
import math
import os
import secrets
import shutil
import sys
import tempfile
import time
import traceback

import boto3
import botocore.config
import botocore.exceptions

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workflow_data as shop  # noqa: E402 - the shared fixture lives beside this script

REGION = "us-east-1"
RECIPE_PREFIX = "arn:aws:personalize:::recipe/"
ROLE = "arn:aws:iam::000000000000:role/x"
WAIT_TIMEOUT = 60.0
TRAINING_TIMEOUT = 600.0
POLL_INTERVAL = 0.2
HRNN_KNOBS = {"hidden_dimension": "32", "epochs": "8", "batch_size": "32", "bptt": "8", "threads": "2"}
INTERACTIONS_SCHEMA = {
    "type": "record", "name": "Interactions", "namespace": "com.amazonaws.personalize.schema",
    "fields": [{"name": "USER_ID", "type": "string"}, {"name": "ITEM_ID", "type": "string"},
               {"name": "EVENT_TYPE", "type": "string"}, {"name": "EVENT_VALUE", "type": ["float", "null"]},
               {"name": "TIMESTAMP", "type": "long"}],
    "version": "1.0"}
ITEMS_SCHEMA = {
    "type": "record", "name": "Items", "namespace": "com.amazonaws.personalize.schema",
    "fields": [{"name": "ITEM_ID", "type": "string"},
               {"name": "GENRES", "type": ["null", "string"], "categorical": True},
               {"name": "PRICE", "type": ["null", "float"]},
               {"name": "CREATION_TIMESTAMP", "type": "long"}],
    "version": "1.0"}


def age_days(n):
    return (37 * n) % 120 + 1


def genres(n):
    genre = shop.genre_of(shop.MOVIES[n])
    return genre + "|Classic" if n % 10 == 0 else genre


def price(n):
    return f"{n % 7}.99"


def movie_number(item):
    return int(item.split("-")[1])


def write_aged_items(path):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("ITEM_ID,GENRES,PRICE,CREATION_TIMESTAMP\n")
        for n, item in enumerate(shop.MOVIES):
            f.write(f"{item},{genres(n)},{price(n)},{shop.BASE - age_days(n) * shop.DAY}\n")


class CheckFailed(AssertionError):
    """A check did not hold; the message says what was expected and what came back."""


def check(condition, message):
    """Like assert, but survives python -O."""
    if not condition:
        raise CheckFailed(message)


def check_eq(actual, expected, what):
    check(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


class Run:
    def __init__(self, url):
        self.url = url
        self.prefix = f"rules-{secrets.token_hex(4)}-"
        config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"},
                                        connect_timeout=5, read_timeout=60)
        common = dict(endpoint_url=url, region_name=REGION, aws_access_key_id="AKIDTEST",
                      aws_secret_access_key="secret", config=config)
        self.pz = boto3.client("personalize", **common)
        self.rt = boto3.client("personalize-runtime", **common)
        self.created = []  # (kind, arn), deleted in reverse order at the end
        self.events, _, _ = shop.genre_shop()
        self.folder = None
        self.group = None
        self.filter = None
        self.solutions = {}
        self.versions = {}
        self.campaigns = {}

    def name(self, suffix):
        return self.prefix + suffix


RUN = None  # set in main()

DESCRIBE = {
    "dataset-group": ("describe_dataset_group", "datasetGroupArn", "datasetGroup"),
    "dataset": ("describe_dataset", "datasetArn", "dataset"),
    "dataset-import-job": ("describe_dataset_import_job", "datasetImportJobArn", "datasetImportJob"),
    "solution": ("describe_solution", "solutionArn", "solution"),
    "solution-version": ("describe_solution_version", "solutionVersionArn", "solutionVersion"),
    "campaign": ("describe_campaign", "campaignArn", "campaign"),
    "filter": ("describe_filter", "filterArn", "filter"),
    "batch-inference-job": ("describe_batch_inference_job", "batchInferenceJobArn", "batchInferenceJob"),
}


def describe(kind, resource_arn):
    op, member, key = DESCRIBE[kind]
    return getattr(RUN.pz, op)(**{member: resource_arn})[key]


def wait_final(kind, resource_arn, timeout=WAIT_TIMEOUT):
    """Polls until ACTIVE, CREATE FAILED or CREATE STOPPED; fails unless ACTIVE."""
    deadline = time.monotonic() + timeout
    while True:
        obj = describe(kind, resource_arn)
        status = obj.get("status")
        if status in ("ACTIVE", "CREATE FAILED", "CREATE STOPPED"):
            check_eq(status, "ACTIVE", f"{kind} {resource_arn} status (failureReason {obj.get('failureReason')!r})")
            return obj
        check(time.monotonic() < deadline, f"{kind} {resource_arn}: still {status!r} after {timeout:.0f} s")
        time.sleep(POLL_INTERVAL)


def wait_until(condition, what, timeout=WAIT_TIMEOUT):
    deadline = time.monotonic() + timeout
    while not condition():
        check(time.monotonic() < deadline, f"timed out after {timeout:.0f} s waiting until {what}")
        time.sleep(POLL_INTERVAL)


def expect_invalid(fn, contains, **kwargs):
    """fn(**kwargs) must fail with InvalidInputException, HTTP 400, `contains` in the message."""
    what = f"{fn.__name__}({', '.join(f'{k}={v!r}' for k, v in kwargs.items())[:200]})"
    try:
        response = fn(**kwargs)
    except botocore.exceptions.ClientError as e:
        error = e.response.get("Error", {})
        status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        check(error.get("Code") == "InvalidInputException" and status == 400,
              f"{what}: expected InvalidInputException (HTTP 400), got {error.get('Code')} (HTTP {status}): {error.get('Message')!r}")
        check(contains in error.get("Message", ""), f"{what}: the message should contain {contains!r}, got {error.get('Message')!r}")
        return
    raise CheckFailed(f"{what}: expected InvalidInputException, but the call succeeded: "
                      f"{str({k: v for k, v in response.items() if k != 'ResponseMetadata'})[:300]}")


def recommend(campaign, **kwargs):
    return RUN.rt.get_recommendations(campaignArn=RUN.campaigns[campaign], **kwargs)["itemList"]


def ids(items):
    return [item["itemId"] for item in items]


def genre(value):
    return {"GENRE": f'"{value}"'}


def promotion(name, percent, value):
    return [{"name": name, "percentPromotedItems": percent, "filterArn": RUN.filter, "filterValues": genre(value)}]


def mean_age(campaign, users):
    ages = [age_days(movie_number(i)) for user in users for i in ids(recommend(campaign, userId=user, numResults=25))]
    return sum(ages) / len(ages)


# --------------------------------------------------------------------------------------------
# check groups


def setup():
    pz = RUN.pz
    paths = shop.write_genre_shop(RUN.folder)
    items = os.path.join(RUN.folder, "aged-items.csv")
    write_aged_items(items)
    RUN.group = pz.create_dataset_group(name=RUN.name("shop"))["datasetGroupArn"]
    RUN.created.append(("dataset-group", RUN.group))
    wait_final("dataset-group", RUN.group)
    for kind, schema, path in (("Interactions", INTERACTIONS_SCHEMA, paths["Interactions"]), ("Items", ITEMS_SCHEMA, items)):
        schema_arn = pz.create_schema(name=RUN.name(kind.lower()), schema=json.dumps(schema))["schemaArn"]
        RUN.created.append(("schema", schema_arn))
        dataset = pz.create_dataset(name=RUN.name(kind.lower()), datasetGroupArn=RUN.group, datasetType=kind, schemaArn=schema_arn)["datasetArn"]
        RUN.created.append(("dataset", dataset))
        wait_final("dataset", dataset)
        job = pz.create_dataset_import_job(jobName=RUN.name(kind.lower()), datasetArn=dataset,
                                           dataSource={"dataLocation": "file://" + path}, roleArn=ROLE)["datasetImportJobArn"]
        wait_final("dataset-import-job", job)
    RUN.filter = pz.create_filter(name=RUN.name("genre"), datasetGroupArn=RUN.group,
                                  filterExpression="INCLUDE ItemID WHERE Items.GENRES IN ($GENRE)")["filterArn"]
    RUN.created.append(("filter", RUN.filter))
    knobs = {"aws-hrnn": HRNN_KNOBS, "aws-sims": {"max_item_interaction_count_percentile": "1.0"}, "aws-popularity-count": {}}
    for recipe, hyperparameters in knobs.items():
        RUN.solutions[recipe] = pz.create_solution(name=RUN.name(recipe[4:]), datasetGroupArn=RUN.group, recipeArn=RECIPE_PREFIX + recipe,
                                                   solutionConfig={"algorithmHyperParameters": hyperparameters})["solutionArn"]
        RUN.created.append(("solution", RUN.solutions[recipe]))
    for recipe, arn in RUN.solutions.items():
        wait_final("solution", arn)
        RUN.versions[recipe] = pz.create_solution_version(solutionArn=arn)["solutionVersionArn"]
    for arn in RUN.versions.values():
        wait_final("solution-version", arn, TRAINING_TIMEOUT)
    wait_final("filter", RUN.filter)
    hrnn = RUN.versions["aws-hrnn"]
    deployments = {
        "hrnn": dict(solutionVersionArn=hrnn, campaignConfig={"enableMetadataWithRecommendations": True}),
        "fresh": dict(solutionVersionArn=hrnn, campaignConfig={"rankingInfluence": {"FRESHNESS": 1.0}}),
        "sims": dict(solutionVersionArn=RUN.versions["aws-sims"]),
        "popular": dict(solutionVersionArn=RUN.solutions["aws-popularity-count"] + "/$LATEST",
                        campaignConfig={"syncWithLatestSolutionVersion": True}),
    }
    for key, request in deployments.items():
        RUN.campaigns[key] = pz.create_campaign(name=RUN.name(key), **request)["campaignArn"]
        RUN.created.append(("campaign", RUN.campaigns[key]))
    for arn in RUN.campaigns.values():
        wait_final("campaign", arn)


def check_promotions():
    horror = recommend("hrnn", userId="user-000", numResults=3, filterArn=RUN.filter, filterValues=genre("Horror"))
    answer = recommend("hrnn", userId="user-000", numResults=10, promotions=promotion("horror-night", 30, "Horror"))
    promoted = [i for i in answer if "promotionName" in i]
    check_eq(ids(promoted), ids(horror), "the promoted items: the user's three best horror movies")
    check_eq([i["score"] for i in promoted], [i["score"] for i in horror], "promoted items keep their own scores")
    for item in promoted:
        check_eq((item["promotionName"], item["reason"]), ("horror-night", ["Promoted item"]), f"{item['itemId']} marks")
    check(all("reason" not in i for i in answer if "promotionName" not in i), f"other items carry no reason: {answer}")
    scores = [i["score"] for i in answer]
    check_eq(scores, sorted(scores, reverse=True), "all ten placed by score")

    drama = recommend("sims", itemId="movie-021", numResults=3, filterArn=RUN.filter, filterValues=genre("Drama"))
    related = recommend("sims", itemId="movie-021", numResults=6, promotions=promotion("drama", 50, "Drama"))
    check_eq([i["itemId"] for i in related if "promotionName" in i], ids(drama), "aws-sims promoted items")

    order = shop.by_popularity(RUN.events)
    sci_fi = [i for i in order if shop.genre_of(i) == "SciFi"][:2]
    rest = [i for i in order if i not in sci_fi][:8]
    popular = recommend("popular", userId="anyone", numResults=10, promotions=promotion("sci-fi", 20, "SciFi"))
    check_eq(ids(popular), [i for i in order if i in sci_fi or i in rest], "aws-popularity-count with a promotion, in popularity order")
    expect_invalid(RUN.rt.get_recommendations, "promotions[0].filterArn", campaignArn=RUN.campaigns["hrnn"], userId="user-1",
                   promotions=[{"name": "x", "percentPromotedItems": 10}])
    return f"{len(promoted)} of {len(answer)} promoted"


def check_metadata():
    answer = recommend("hrnn", userId="user-000", numResults=50, metadataColumns={"ITEMS": ["GENRES", "PRICE"]})
    check_eq(len(answer), 50, "items with metadata")
    for item in answer:
        n = movie_number(item["itemId"])
        check_eq(item.get("metadata"), {"GENRES": genres(n), "PRICE": price(n)}, f"{item['itemId']} metadata")
    expect_invalid(RUN.rt.get_recommendations, "enableMetadataWithRecommendations", campaignArn=RUN.campaigns["fresh"], userId="user-1",
                   metadataColumns={"ITEMS": ["GENRES"]})
    expect_invalid(RUN.rt.get_recommendations, "at most 50", campaignArn=RUN.campaigns["hrnn"], userId="user-1", numResults=51,
                   metadataColumns={"ITEMS": ["GENRES"]})
    expect_invalid(RUN.rt.get_recommendations, "TITLE", campaignArn=RUN.campaigns["hrnn"], userId="user-1", metadataColumns={"ITEMS": ["TITLE"]})


def check_reasons():
    stand_ins = recommend("sims", itemId="no-such-movie", numResults=5)
    check(len(stand_ins) == 5 and all(i.get("reason") == ["Popular item"] for i in stand_ins), f"an unknown item's popular stand-ins: {stand_ins}")
    everything = recommend("sims", itemId="movie-021", numResults=500)
    marked = [i.get("reason") == ["Popular item"] for i in everything]
    check(marked[0] is False and marked[-1] is True and marked == sorted(marked),
          f"aws-sims: its own neighbours first without a reason, then the popular stand-ins: {marked}")


def check_ranking_influence():
    config = describe("campaign", RUN.campaigns["fresh"])["campaignConfig"]
    check_eq(config.get("rankingInfluence"), {"FRESHNESS": 1.0}, "DescribeCampaign rankingInfluence")
    users = [shop.user_id(u) for u in range(0, shop.SHOP_USERS, 6)]
    plain, fresh = mean_age("hrnn", users), mean_age("fresh", users)
    check(fresh < plain - 10, f"FRESHNESS 1 should lower the mean age of the top 25 clearly: {fresh:.1f} against {plain:.1f} days")
    scores = [i["score"] for i in recommend("fresh", userId="user-017", numResults=500)]
    check(abs(math.fsum(scores) - 1.0) < 1e-6, f"influenced scores should sum to 1, got {math.fsum(scores)!r}")
    return f"mean age {plain:.1f} -> {fresh:.1f} days"


def check_batch_influence():
    users = [shop.user_id(u) for u in range(8)]
    source = os.path.join(RUN.folder, "batch.json")
    with open(source, "w", encoding="utf-8") as f:
        f.writelines(json.dumps({"userId": u}) + "\n" for u in users)
    out = os.path.join(RUN.folder, "batch-out")
    job = RUN.pz.create_batch_inference_job(jobName=RUN.name("fresh"), solutionVersionArn=RUN.versions["aws-hrnn"], numResults=10, roleArn=ROLE,
                                            batchInferenceJobConfig={"rankingInfluence": {"FRESHNESS": 1.0}},
                                            jobInput={"s3DataSource": {"path": source}},
                                            jobOutput={"s3DataDestination": {"path": out}})["batchInferenceJobArn"]
    described = wait_final("batch-inference-job", job)
    check_eq(described.get("batchInferenceJobConfig"), {"rankingInfluence": {"FRESHNESS": 1.0}}, "DescribeBatchInferenceJob config")
    with open(os.path.join(out, "batch.json.out"), encoding="utf-8") as f:
        lines = [json.loads(line) for line in f]
    for line in lines:
        live = recommend("fresh", userId=line["input"]["userId"], numResults=10)
        check_eq(line["output"]["recommendedItems"], ids(live), f"batch line of {line['input']['userId']}")
        check_eq(line["output"]["scores"], [i["score"] for i in live], f"batch scores of {line['input']['userId']}")


def check_sync():
    campaign = RUN.campaigns["popular"]
    described = describe("campaign", campaign)
    check_eq(described["solutionVersionArn"], RUN.versions["aws-popularity-count"], "the campaign on $LATEST serves the first version")
    check_eq(described["campaignConfig"].get("syncWithLatestSolutionVersion"), True, "DescribeCampaign syncWithLatestSolutionVersion")
    second = RUN.pz.create_solution_version(solutionArn=RUN.solutions["aws-popularity-count"])["solutionVersionArn"]
    wait_final("solution-version", second, TRAINING_TIMEOUT)

    def follows():
        c = describe("campaign", campaign)
        return c["solutionVersionArn"] == second and c.get("latestCampaignUpdate", {}).get("status") == "ACTIVE"

    wait_until(follows, f"{campaign} serves {second}")
    expect_invalid(RUN.pz.update_campaign, "SolutionArn/$LATEST", campaignArn=campaign, solutionVersionArn=second,
                   campaignConfig={"syncWithLatestSolutionVersion": True})


GROUPS = [
    ("promotions", check_promotions),
    ("metadata columns", check_metadata),
    ("reasons", check_reasons),
    ("ranking influence", check_ranking_influence),
    ("ranking influence in batch", check_batch_influence),
    ("sync with the latest solution version", check_sync),
]


def cleanup():
    """Deletes what the run created, newest first, waiting for each to go; returns problems."""
    pz = RUN.pz
    ops = {"campaign": ("delete_campaign", "campaignArn"),
           "filter": ("delete_filter", "filterArn"),
           "solution": ("delete_solution", "solutionArn"),
           "dataset": ("delete_dataset", "datasetArn"),
           "dataset-group": ("delete_dataset_group", "datasetGroupArn"),
           "schema": ("delete_schema", "schemaArn")}
    problems = []
    for kind in ["campaign", "filter", "solution", "dataset", "dataset-group", "schema"]:
        for _, resource_arn in [c for c in reversed(RUN.created) if c[0] == kind]:
            op, member = ops[kind]
            deadline = time.monotonic() + WAIT_TIMEOUT
            try:
                while True:
                    try:
                        getattr(pz, op)(**{member: resource_arn})
                        break
                    except botocore.exceptions.ClientError as e:
                        code = e.response["Error"].get("Code")
                        if code == "ResourceNotFoundException":
                            break
                        if code != "ResourceInUseException" or time.monotonic() > deadline:
                            raise
                        time.sleep(0.3)  # a dependant is still being deleted
                while kind != "schema":
                    try:
                        describe(kind, resource_arn)
                    except botocore.exceptions.ClientError as e:
                        if e.response["Error"].get("Code") == "ResourceNotFoundException":
                            break
                        raise
                    if time.monotonic() > deadline:
                        raise TimeoutError("still there")
                    time.sleep(POLL_INTERVAL)
            except Exception as e:  # noqa: BLE001 - best effort, reported
                problems.append(f"{resource_arn}: {e}")
    return problems


def main(argv):
    global RUN
    if len(argv) != 2 or not argv[1].startswith(("http://", "https://")):
        print(f"usage: {argv[0]} http://127.0.0.1:PORT", file=sys.stderr)
        return 2
    for variable in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL"):
        os.environ.pop(variable, None)
    RUN = Run(argv[1].rstrip("/"))
    started = time.monotonic()
    print(f"boto3 {boto3.__version__} / botocore {botocore.__version__} against {RUN.url}, prefix {RUN.prefix}")
    RUN.folder = tempfile.mkdtemp(prefix=f"tastemaker-{RUN.prefix}")
    failed = []
    try:
        t0 = time.monotonic()
        try:
            setup()
            print(f"ok   imported, trained and deployed ({time.monotonic() - t0:.1f} s)")
        except Exception as e:  # noqa: BLE001 - nothing else can run
            print(f"FAIL setup: {type(e).__name__}: {e}")
            traceback.print_exc()
            failed.append("setup")
        for label, fn in ([] if failed else GROUPS):
            t0 = time.monotonic()
            try:
                note = fn()
            except CheckFailed as e:
                failed.append(label)
                print(f"FAIL {label}: {e}")
                continue
            except Exception as e:  # noqa: BLE001 - report and go on with the next group
                failed.append(label)
                print(f"FAIL {label}: {type(e).__name__}: {e}")
                traceback.print_exc()
                continue
            extra = f" [{note}]" if note else ""
            print(f"ok   {label} ({time.monotonic() - t0:.1f} s){extra}")
    finally:
        problems = cleanup()
        if problems:
            print(f"cleanup: could not delete {len(problems)} resources: {'; '.join(problems)}")
        shutil.rmtree(RUN.folder, ignore_errors=True)
    elapsed = time.monotonic() - started
    if failed:
        print(f"boto3 business rules: FAILED ({', '.join(failed)}) in {elapsed:.1f} s")
        return 1
    print(f"boto3 business rules: all {len(GROUPS)} groups passed in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
