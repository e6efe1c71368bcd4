#!/usr/bin/env python3
"""Serves every recipe through the real boto3 clients and checks Personalize's rules for each.

Usage: python3 boto3_recipes.py http://127.0.0.1:PORT

Imports the genre shop of workflow_data.py (180 users watching runs of movies of one genre, 120
movies with interactions, 120 new movies only the Items dataset knows, a Users dataset) into a
dataset group, trains aws-hrnn, aws-hrnn-metadata, aws-hrnn-coldstart, aws-personalized-ranking and
aws-sims there (with small HRNN settings so each training takes seconds), and aws-popularity-count
in a second group with the same interactions (Personalize allows five campaigns per group), deploys
a campaign of each and checks:

- HRNN family, GetRecommendations for known users and strangers, numResults = every item the model
  knows: the scores of all items lie in [0, 1], descend and sum to 1; ids are distinct; the default
  25 are the top of that list and numResults=0 is an empty list.
  aws-hrnn-coldstart also knows and scores the new movies; the other two do not.
- aws-personalized-ranking: known input items first, scored, summing to 1; unknown ones (including
  a new movie only the Items dataset knows) last, in input order, without a score; 500 items are
  ranked, 501 are InvalidInputException.
- aws-sims: no scores, never the query item, mostly the query's genre; an unknown item gets the
  popular items; no itemId is InvalidInputException.
- aws-popularity-count: the fixture's items by distinct users, without scores, for anyone.
- The wrong operation for a recipe type is InvalidInputException.
- GetSolutionMetrics has the eight documented keys for every recipe, and the learned recipes beat
  the popularity baseline on NDCG@10.

Names carry a random prefix (rec-<hex>-); whatever the run made is deleted at the end, also after a
failure. Prints one line per check group ("ok   ..." or "FAIL ...") and exits 0 when every group
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
WAIT_TIMEOUT = 60.0
TRAINING_TIMEOUT = 600.0
POLL_INTERVAL = 0.2
SUM_TOLERANCE = 1e-6
HRNN_RECIPES = ["aws-hrnn", "aws-hrnn-metadata", "aws-hrnn-coldstart"]
ALL_RECIPES = HRNN_RECIPES + ["aws-personalized-ranking", "aws-sims", "aws-popularity-count"]
# Small HRNN settings so that each training takes seconds; the data is small and regular.
HRNN_KNOBS = {"hidden_dimension": "32", "epochs": "10", "batch_size": "32", "bptt": "8",
              "threads": "2"}
HYPERPARAMETERS = {
    "aws-hrnn": HRNN_KNOBS,
    "aws-hrnn-metadata": HRNN_KNOBS,
    "aws-hrnn-coldstart": HRNN_KNOBS,
    "aws-personalized-ranking": HRNN_KNOBS,
    # No item left out of co-occurrence counting: the fixture's runs make neighbours of a genre.
    "aws-sims": {"max_item_interaction_count_percentile": "1.0"},
    "aws-popularity-count": {},
}
METRIC_KEYS = sorted([
    "coverage", "mean_reciprocal_rank_at_25", "normalized_discounted_cumulative_gain_at_5",
    "normalized_discounted_cumulative_gain_at_10", "normalized_discounted_cumulative_gain_at_25",
    "precision_at_5", "precision_at_10", "precision_at_25"])

SCHEMAS = {
    "Interactions": {
        "type": "record", "name": "Interactions", "namespace": "com.amazonaws.personalize.schema",
        "fields": [{"name": "USER_ID", "type": "string"}, {"name": "ITEM_ID", "type": "string"},
                   {"name": "EVENT_TYPE", "type": "string"},
                   {"name": "EVENT_VALUE", "type": ["float", "null"]},
                   {"name": "TIMESTAMP", "type": "long"}],
        "version": "1.0"},
    "Items": {
        "type": "record", "name": "Items", "namespace": "com.amazonaws.personalize.schema",
        "fields": [{"name": "ITEM_ID", "type": "string"},
                   {"name": "GENRES", "type": ["null", "string"], "categorical": True},
                   {"name": "CREATION_TIMESTAMP", "type": "long"}],
        "version": "1.0"},
    "Users": {
        "type": "record", "name": "Users", "namespace": "com.amazonaws.personalize.schema",
        "fields": [{"name": "USER_ID", "type": "string"}, {"name": "AGE", "type": "int"},
                   {"name": "GENDER", "type": "string", "categorical": True}],
        "version": "1.0"},
}


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
        self.prefix = f"rec-{secrets.token_hex(4)}-"
        config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"},
                                        connect_timeout=5, read_timeout=60)
        common = dict(endpoint_url=url, region_name=REGION, aws_access_key_id="AKIDTEST",
                      aws_secret_access_key="secret", config=config)
        self.pz = boto3.client("personalize", **common)
        self.rt = boto3.client("personalize-runtime", **common)
        self.created = []  # (kind, arn), deleted in reverse order at the end
        self.versions = {}
        self.campaigns = {}
        self.events, _, self.next_in_run = shop.genre_shop()
        self.movies = shop.interacted_items(self.events)
        self.popular = shop.by_popularity(self.events)

    def name(self, suffix):
        return self.prefix + suffix


RUN = None  # set in main()


# --------------------------------------------------------------------------------------------
# helpers

DESCRIBE = {
    "dataset-group": ("describe_dataset_group", "datasetGroupArn", "datasetGroup"),
    "dataset": ("describe_dataset", "datasetArn", "dataset"),
    "dataset-import-job": ("describe_dataset_import_job", "datasetImportJobArn", "datasetImportJob"),
    "solution": ("describe_solution", "solutionArn", "solution"),
    "solution-version": ("describe_solution_version", "solutionVersionArn", "solutionVersion"),
    "campaign": ("describe_campaign", "campaignArn", "campaign"),
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
            check_eq(status, "ACTIVE", f"{kind} {resource_arn} status "
                                       f"(failureReason {obj.get('failureReason')!r})")
            return obj
        check(time.monotonic() < deadline, f"{kind} {resource_arn}: still {status!r} after {timeout:.0f} s")
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
              f"{what}: expected InvalidInputException (HTTP 400), got {error.get('Code')} "
              f"(HTTP {status}): {error.get('Message')!r}")
        check(contains in error.get("Message", ""),
              f"{what}: the message should contain {contains!r}, got {error.get('Message')!r}")
        return
    raise CheckFailed(f"{what}: expected InvalidInputException, but the call succeeded: "
                      f"{str({k: v for k, v in response.items() if k != 'ResponseMetadata'})[:300]}")


def recommend(recipe, num_results=None, **kwargs):
    if num_results is not None:
        kwargs["numResults"] = num_results
    return RUN.rt.get_recommendations(campaignArn=RUN.campaigns[recipe], **kwargs)["itemList"]


def rank(user, input_list):
    return RUN.rt.get_personalized_ranking(campaignArn=RUN.campaigns["aws-personalized-ranking"],
                                           userId=user, inputList=input_list)["personalizedRanking"]


def ids(items):
    return [item["itemId"] for item in items]


def check_distribution(items, what):
    """Every item has a score in [0, 1]; scores never increase; they sum to 1; ids distinct."""
    check(len(set(ids(items))) == len(items), f"{what}: duplicate ids in {ids(items)}")
    for item in items:
        check("score" in item and 0.0 <= item["score"] <= 1.0,
              f"{what}: {item['itemId']} should have a score in [0, 1], got {item!r}")
    for before, after in zip(items, items[1:]):
        check(after["score"] <= before["score"],
              f"{what}: scores should descend, {before!r} then {after!r}")
    total = math.fsum(item["score"] for item in items)
    check(abs(total - 1.0) <= SUM_TOLERANCE, f"{what}: the scores should sum to 1, got {total!r}")


def check_unscored(items, what):
    scored = [item for item in items if "score" in item]
    check(not scored, f"{what}: should have no scores, got {scored[:3]!r}")


# --------------------------------------------------------------------------------------------
# check groups


def setup(folder):
    """Two groups with the genre shop, six solutions trained, six campaigns ACTIVE."""
    pz = RUN.pz
    files = shop.write_genre_shop(folder)

    def group(suffix):
        arn = pz.create_dataset_group(name=RUN.name(suffix))["datasetGroupArn"]
        RUN.created.append(("dataset-group", arn))
        wait_final("dataset-group", arn)
        return arn

    def load(group_arn, tag, kind):
        name = RUN.name(f"{tag}-{kind.lower()}")
        schema = pz.create_schema(name=name, schema=json.dumps(SCHEMAS[kind]))["schemaArn"]
        RUN.created.append(("schema", schema))
        dataset = pz.create_dataset(name=name,
                                    datasetGroupArn=group_arn, datasetType=kind,
                                    schemaArn=schema)["datasetArn"]
        RUN.created.append(("dataset", dataset))
        wait_final("dataset", dataset)
        job = pz.create_dataset_import_job(
            jobName=name, datasetArn=dataset,
            dataSource={"dataLocation": "file://" + files[kind]},
            roleArn="arn:aws:iam::000000000000:role/x")["datasetImportJobArn"]
        wait_final("dataset-import-job", job)

    shop_group = group("genre-shop")
    for kind in ("Interactions", "Items", "Users"):
        load(shop_group, "shop", kind)
    baseline_group = group("genre-shop-baseline")
    load(baseline_group, "baseline", "Interactions")

    solutions = {}
    for recipe in ALL_RECIPES:
        group_arn = baseline_group if recipe == "aws-popularity-count" else shop_group
        solutions[recipe] = pz.create_solution(
            name=RUN.name(recipe[4:]), datasetGroupArn=group_arn,
            recipeArn=RECIPE_PREFIX + recipe,
            solutionConfig={"algorithmHyperParameters": HYPERPARAMETERS[recipe]})["solutionArn"]
        RUN.created.append(("solution", solutions[recipe]))
    for recipe, arn in solutions.items():
        wait_final("solution", arn)
        RUN.versions[recipe] = pz.create_solution_version(solutionArn=arn)["solutionVersionArn"]
    for recipe, arn in RUN.versions.items():
        wait_final("solution-version", arn, TRAINING_TIMEOUT)
        RUN.campaigns[recipe] = pz.create_campaign(name=RUN.name(recipe[4:]),
                                                   solutionVersionArn=arn)["campaignArn"]
        RUN.created.append(("campaign", RUN.campaigns[recipe]))
    for arn in RUN.campaigns.values():
        wait_final("campaign", arn)


def check_hrnn_scores():
    """HRNN family: all items scored, the scores a distribution, for known users and strangers."""
    for recipe in HRNN_RECIPES:
        catalogue = set(RUN.movies) | (set(shop.NEW_MOVIES) if recipe == "aws-hrnn-coldstart" else set())
        check(len(catalogue) < 500, "the fixture should fit in one answer")
        for user in ("user-000", "user-088", "user-179", RUN.name("stranger")):
            what = f"{recipe} get_recommendations(userId={user!r}, numResults={len(catalogue)})"
            items = recommend(recipe, len(catalogue), userId=user)
            check_eq(sorted(ids(items)), sorted(catalogue), f"{what}: the items")
            check_distribution(items, what)
            check_eq(recommend(recipe, 500, userId=user), items, f"{what} against numResults=500")
            check_eq(recommend(recipe, userId=user), items[:25], f"{what}: the default 25")
            check_eq(recommend(recipe, 0, userId=user), [], f"{what}: numResults=0")
    found = sum(RUN.next_in_run[user] in ids(recommend("aws-hrnn", 10, userId=user))
                for user in RUN.next_in_run)
    check(found >= len(RUN.next_in_run) // 2,
          f"aws-hrnn should put the movie that continues a user's run in the top 10 for at least "
          f"half of the users, did for {found} of {len(RUN.next_in_run)}")


def check_coldstart():
    """aws-hrnn-coldstart knows the Items dataset's new movies and scores them by genre."""
    for user in ("user-003", RUN.name("stranger")):
        new = [item for item in recommend("aws-hrnn-coldstart", 500, userId=user)
               if item["itemId"].startswith("new-")]
        check_eq(sorted(ids(new)), shop.NEW_MOVIES, f"aws-hrnn-coldstart new movies for {user}")
        check(all(item["score"] > 0 for item in new), f"new movies for {user}: positive scores")
    for recipe in ("aws-hrnn", "aws-hrnn-metadata"):
        learned = set(ids(recommend(recipe, 500, userId="user-003")))
        check(not learned & set(shop.NEW_MOVIES), f"{recipe} should not know the new movies")
    own = 0
    for user in RUN.next_in_run:
        best = next(i for i in ids(recommend("aws-hrnn-coldstart", 500, userId=user))
                    if i.startswith("new-"))
        own += shop.genre_of(best) == shop.genre_of_user(user)
    check(own >= len(RUN.next_in_run) * 2 // 3,
          f"the best-ranked new movie should mostly be of the user's genre, was for {own} of "
          f"{len(RUN.next_in_run)}")


def check_ranking():
    """Known items first, scored, summing to 1; unknown ones last in input order, no score."""
    input_list = ["ghost-1", "movie-003", "new-007", "movie-026", "movie-050", "ghost-0",
                  "movie-110", "movie-071"]
    known = ["movie-003", "movie-026", "movie-050", "movie-110", "movie-071"]
    unknown = ["ghost-1", "new-007", "ghost-0"]
    for user in ("user-007", "user-100", RUN.name("stranger")):
        what = f"get_personalized_ranking(userId={user!r})"
        ranked = rank(user, input_list)
        check_eq(len(ranked), len(input_list), f"{what}: length")
        check_eq(sorted(ids(ranked[:len(known)])), sorted(known), f"{what}: the known items first")
        check_distribution(ranked[:len(known)], what)
        check_eq(ids(ranked[len(known):]), unknown, f"{what}: the unknown items, in input order")
        check_unscored(ranked[len(known):], f"{what}: the unknown items")

    full = rank("user-042", RUN.movies)
    check_distribution(full, "ranking of every movie")
    p = {item["itemId"]: item["score"] for item in full}
    subset = RUN.movies[4::9]
    mass = math.fsum(p[i] for i in subset)
    part = rank("user-042", subset)
    check_distribution(part, "ranking of a subset")
    check_eq(ids(part), [i for i in ids(full) if i in subset], "a subset keeps the order of the whole")
    for item in part:
        check(abs(item["score"] - p[item["itemId"]] / mass) <= 1e-9,
              f"{item['itemId']}: over a subset the score should be {p[item['itemId']] / mass!r} "
              f"(its score over everything / the subset's sum), got {item['score']!r}")

    ghosts = [f"ghost-{k:03d}" for k in range(500 - len(RUN.movies))]
    ranked = rank("user-001", RUN.movies + ghosts)
    check_eq(len(ranked), 500, "ranking 500 items: length")
    check_distribution(ranked[:len(RUN.movies)], "ranking 500 items")
    check_eq(ids(ranked[len(RUN.movies):]), ghosts, "ranking 500 items: the unknown tail")
    expect_invalid(RUN.rt.get_personalized_ranking, "'inputList'",
                   campaignArn=RUN.campaigns["aws-personalized-ranking"], userId="user-001",
                   inputList=RUN.movies + ghosts + ["one-too-many"])


def check_sims():
    """No scores, never the query item, neighbours of its genre; unknown items get popular ones."""
    same_genre = 0
    for movie in RUN.movies:
        items = recommend("aws-sims", itemId=movie)
        check_unscored(items, f"aws-sims for {movie}")
        check_eq(len(items), 25, f"aws-sims for {movie}: the default 25")
        check(movie not in ids(items), f"aws-sims for {movie} returned {movie} itself")
        check(len(set(ids(items))) == len(items), f"aws-sims for {movie}: duplicates")
        same_genre += all(shop.genre_of(i) == shop.genre_of(movie) for i in ids(items)[:5])
    check(same_genre >= len(RUN.movies) * 9 // 10,
          f"the top 5 related movies should be of the movie's genre for 90% of movies, were for "
          f"{same_genre} of {len(RUN.movies)}")
    items = recommend("aws-sims", 500, itemId="movie-047")
    check_eq(sorted(ids(items)), sorted(set(RUN.movies) - {"movie-047"}),
             "aws-sims numResults=500: every other movie")
    check_unscored(items, "aws-sims numResults=500")
    for unknown in (RUN.name("ghost-item"), "new-007"):
        items = recommend("aws-sims", itemId=unknown)
        check_unscored(items, f"aws-sims for unknown {unknown}")
        check_eq(ids(items), RUN.popular[:25], f"aws-sims for unknown {unknown}: the popular items")
    expect_invalid(RUN.rt.get_recommendations, "itemId is required",
                   campaignArn=RUN.campaigns["aws-sims"], userId="user-001")


def check_popularity():
    """The fixture's items by distinct users, ties to the smaller id, without scores."""
    for user in ("user-000", "user-123", RUN.name("stranger")):
        items = recommend("aws-popularity-count", userId=user)
        check_unscored(items, f"aws-popularity-count for {user}")
        check_eq(ids(items), RUN.popular[:25], f"aws-popularity-count for {user}")
        check_eq(ids(recommend("aws-popularity-count", 500, userId=user)), RUN.popular,
                 f"aws-popularity-count for {user}, numResults=500")


def check_wrong_operations():
    """The wrong operation for a recipe type, or a missing id, is InvalidInputException."""
    for recipe in HRNN_RECIPES + ["aws-popularity-count", "aws-sims"]:
        expect_invalid(RUN.rt.get_personalized_ranking, "GetRecommendations",
                       campaignArn=RUN.campaigns[recipe], userId="user-001",
                       inputList=["movie-001", "movie-002"])
    expect_invalid(RUN.rt.get_recommendations, "GetPersonalizedRanking",
                   campaignArn=RUN.campaigns["aws-personalized-ranking"], userId="user-001")
    for recipe in HRNN_RECIPES + ["aws-popularity-count"]:
        expect_invalid(RUN.rt.get_recommendations, "userId is required",
                       campaignArn=RUN.campaigns[recipe], itemId="movie-001")
        expect_invalid(RUN.rt.get_recommendations, "userId is required",
                       campaignArn=RUN.campaigns[recipe])


def check_metrics():
    """The eight documented keys for every recipe; learned recipes beat popularity."""
    metrics = {}
    for recipe, version in RUN.versions.items():
        response = RUN.pz.get_solution_metrics(solutionVersionArn=version)
        check_eq(response.get("solutionVersionArn"), version, f"{recipe} metrics solutionVersionArn")
        metrics[recipe] = response["metrics"]
        check_eq(sorted(metrics[recipe]), METRIC_KEYS, f"{recipe} metric names")
        check(all(0.0 <= v <= 1.0 for v in metrics[recipe].values()),
              f"{recipe} metrics should lie in [0, 1]: {metrics[recipe]}")
    # Popularity recommends the same 25 of the 120 movies to every held-out user.
    check_eq(metrics["aws-popularity-count"]["coverage"], round(25 / 120, 4), "popularity coverage")
    baseline = metrics["aws-popularity-count"]["normalized_discounted_cumulative_gain_at_10"]
    for recipe in ALL_RECIPES[:-1]:
        ndcg = metrics[recipe]["normalized_discounted_cumulative_gain_at_10"]
        check(ndcg > baseline, f"{recipe} NDCG@10 {ndcg} should beat popularity's {baseline}")
    return ", ".join(f"{r[4:]} {m['normalized_discounted_cumulative_gain_at_10']}"
                     for r, m in metrics.items())


GROUPS = [
    ("HRNN scores sum to one", check_hrnn_scores),
    ("aws-hrnn-coldstart new items", check_coldstart),
    ("aws-personalized-ranking", check_ranking),
    ("aws-sims", check_sims),
    ("aws-popularity-count", check_popularity),
    ("wrong operations", check_wrong_operations),
    ("solution metrics", check_metrics),
]


def cleanup():
    """Deletes what the run created, newest first, waiting for each to go; returns problems."""
    pz = RUN.pz
    ops = {"campaign": ("delete_campaign", "campaignArn"),
           "solution": ("delete_solution", "solutionArn"),
           "dataset": ("delete_dataset", "datasetArn"),
           "dataset-group": ("delete_dataset_group", "datasetGroupArn"),
           "schema": ("delete_schema", "schemaArn")}
    problems = []
    order = ["campaign", "solution", "dataset", "dataset-group", "schema"]
    for kind in order:
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
    print(f"boto3 {boto3.__version__} / botocore {botocore.__version__} against {RUN.url}, "
          f"prefix {RUN.prefix}")
    folder = tempfile.mkdtemp(prefix=f"tastemaker-{RUN.prefix}")
    failed = []
    try:
        t0 = time.monotonic()
        try:
            setup(folder)
            print(f"ok   six recipes imported, trained and deployed ({time.monotonic() - t0:.1f} s)")
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
        shutil.rmtree(folder, ignore_errors=True)
    elapsed = time.monotonic() - started
    if failed:
        print(f"boto3 recipes: FAILED ({', '.join(failed)}) in {elapsed:.1f} s")
        return 1
    print(f"boto3 recipes: all {len(GROUPS)} groups passed in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
