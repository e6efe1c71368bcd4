#!/usr/bin/env python3
"""aws-user-personalization-v2 and aws-personalized-ranking-v2 through the real boto3 clients.

Usage: python3 boto3_v2_recipes.py http://127.0.0.1:PORT

Imports the genre shop of workflow_data.py (Interactions, Items and Users datasets), trains both v2
recipes with small settings, deploys a campaign of each and checks:

- ListRecipes lists both, DescribeRecipe gives USER_PERSONALIZATION and PERSONALIZED_RANKING;
- GetRecommendations with numResults = every item the model knows: scores in [0, 1], descending,
  summing to 1, for a known user and a stranger; the next movie of users' runs is often in the top 10;
- GetPersonalizedRanking: the known input items scored, summing to 1, the unknown ones (a new movie
  only the Items dataset knows, an id nobody knows) last, in input order, without a score;
- PutEvents in a new session a day later moves the user's answer towards the events' genre.

Prints one line per check group ("ok   ..." or "FAIL ...") and exits 0 when every group passed, 1
otherwise (2 on bad usage). Needs only the Python standard library and boto3/botocore.
"""

import json
import math
import os
import secrets
import sys
import tempfile
import time
import traceback

import boto3
import botocore.config

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workflow_data as shop  # noqa: E402 - the shared fixture lives beside this script
from boto3_recipes import SCHEMAS, CheckFailed, check, check_eq  # noqa: E402

REGION = "us-east-1"
RECIPE_PREFIX = "arn:aws:personalize:::recipe/"
V2 = "aws-user-personalization-v2"
RANKING_V2 = "aws-personalized-ranking-v2"
KNOBS = {"hidden_dimension": "32", "epochs": "30", "learning_rate": "0.005", "dropout": "0.2", "threads": "2"}
POLL_INTERVAL = 0.2


class Run:
    def __init__(self, url):
        config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=60)
        common = dict(endpoint_url=url, region_name=REGION, aws_access_key_id="AKIDTEST",
                      aws_secret_access_key="secret", config=config)
        self.pz = boto3.client("personalize", **common)
        self.rt = boto3.client("personalize-runtime", **common)
        self.ev = boto3.client("personalize-events", **common)
        self.prefix = f"v2-{secrets.token_hex(4)}-"
        self.events, _, self.next_in_run = shop.genre_shop()
        self.campaigns = {}
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


def setup(folder):
    pz = RUN.pz
    files = shop.write_genre_shop(folder)
    group = pz.create_dataset_group(name=RUN.prefix + "shop")["datasetGroupArn"]
    wait(lambda: pz.describe_dataset_group(datasetGroupArn=group), "datasetGroup")
    for kind in ("Interactions", "Items", "Users"):
        schema = pz.create_schema(name=RUN.prefix + kind.lower(), schema=json.dumps(SCHEMAS[kind]))["schemaArn"]
        dataset = pz.create_dataset(name=RUN.prefix + kind.lower(), datasetGroupArn=group, datasetType=kind,
                                    schemaArn=schema)["datasetArn"]
        wait(lambda: pz.describe_dataset(datasetArn=dataset), "dataset")
        job = pz.create_dataset_import_job(jobName=RUN.prefix + kind.lower(), datasetArn=dataset,
                                           dataSource={"dataLocation": "file://" + files[kind]},
                                           roleArn="arn:aws:iam::000000000000:role/x")["datasetImportJobArn"]
        wait(lambda: pz.describe_dataset_import_job(datasetImportJobArn=job), "datasetImportJob")
    RUN.group = group
    for recipe in (V2, RANKING_V2):
        solution = pz.create_solution(name=RUN.prefix + recipe[4:], datasetGroupArn=group,
                                      recipeArn=RECIPE_PREFIX + recipe,
                                      solutionConfig={"algorithmHyperParameters": KNOBS})["solutionArn"]
        wait(lambda: pz.describe_solution(solutionArn=solution), "solution")
        version = pz.create_solution_version(solutionArn=solution)["solutionVersionArn"]
        wait(lambda: pz.describe_solution_version(solutionVersionArn=version), "solutionVersion")
        campaign = pz.create_campaign(name=RUN.prefix + recipe[4:], solutionVersionArn=version)["campaignArn"]
        wait(lambda: pz.describe_campaign(campaignArn=campaign), "campaign")
        RUN.campaigns[recipe] = campaign


def check_recipes():
    listed = {r["name"]: r for r in RUN.pz.list_recipes(maxResults=100)["recipes"]}
    for recipe, kind in ((V2, "USER_PERSONALIZATION"), (RANKING_V2, "PERSONALIZED_RANKING")):
        check(recipe in listed, f"ListRecipes should list {recipe}, got {sorted(listed)}")
        described = RUN.pz.describe_recipe(recipeArn=listed[recipe]["recipeArn"])["recipe"]
        check_eq(described["recipeType"], kind, f"{recipe} recipeType")


def recommend(user, n):
    return RUN.rt.get_recommendations(campaignArn=RUN.campaigns[V2], userId=user, numResults=n)["itemList"]


def check_scores():
    known = len(shop.interacted_items(RUN.events))
    for user in ("user-004", "a-stranger"):
        items = recommend(user, 500)
        check_eq(len(items), known, f"{user}: items answered")
        for before, after in zip(items, items[1:]):
            check(0.0 <= after["score"] <= before["score"] <= 1.0, f"{user}: scores should descend in [0, 1]")
        total = math.fsum(i["score"] for i in items)
        check(abs(total - 1.0) <= 1e-6, f"{user}: scores should sum to 1, got {total!r}")
    hits = sum(1 for u in range(shop.SHOP_USERS)
               if RUN.next_in_run[shop.user_id(u)] in [i["itemId"] for i in recommend(shop.user_id(u), 10)])
    check(hits >= shop.SHOP_USERS // 2, f"the next movie of a run should be in the top 10 for half the users, got {hits}")
    return f"{hits} of {shop.SHOP_USERS} runs continued in the top 10"


def check_ranking():
    inputs = ["movie-002", "nobody-knows-this", "movie-050", shop.NEW_MOVIES[3], "movie-101"]
    ranked = RUN.rt.get_personalized_ranking(campaignArn=RUN.campaigns[RANKING_V2], userId="user-008",
                                             inputList=inputs)["personalizedRanking"]
    check_eq([i["itemId"] for i in ranked[3:]], ["nobody-knows-this", shop.NEW_MOVIES[3]], "unknown items, last in input order")
    check(all("score" not in i for i in ranked[3:]), f"unknown items should have no score: {ranked[3:]}")
    total = math.fsum(i["score"] for i in ranked[:3])
    check(abs(total - 1.0) <= 1e-6, f"known items' scores should sum to 1, got {total!r}")


def check_events():
    pz = RUN.pz
    tracker = pz.create_event_tracker(name=RUN.prefix + "tracker", datasetGroupArn=RUN.group)["eventTrackerArn"]
    tracking_id = wait(lambda: pz.describe_event_tracker(eventTrackerArn=tracker), "eventTracker")["trackingId"]
    user = "user-001"
    other = shop.GENRES[(shop.GENRES.index(shop.genre_of_user(user)) + 2) % len(shop.GENRES)]
    before = [i["itemId"] for i in recommend(user, 10)]
    first = shop.GENRES.index(other) * shop.PER_GENRE
    day_later = shop.BASE + 400 * shop.DAY
    RUN.ev.put_events(trackingId=tracking_id, userId=user, sessionId="another-day",
                      eventList=[{"eventType": "watch", "itemId": shop.MOVIES[first + k], "sentAt": day_later + 60 * k}
                                 for k in range(5)])
    after = [i["itemId"] for i in recommend(user, 10)]
    check(after != before, "the events should change the answer")
    count = lambda items: sum(1 for i in items if shop.genre_of(i) == other)  # noqa: E731
    check(count(after) > count(before), f"more {other} movies after the events: before {before}, after {after}")


GROUPS = [("recipes listed and described", check_recipes), ("scores and learned runs", check_scores),
          ("personalized ranking", check_ranking), ("events in a new session", check_events)]


def main(argv):
    global RUN
    if len(argv) != 2 or not argv[1].startswith(("http://", "https://")):
        print(f"usage: {argv[0]} http://127.0.0.1:PORT", file=sys.stderr)
        return 2
    for variable in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL"):
        os.environ.pop(variable, None)
    RUN = Run(argv[1].rstrip("/"))
    failed = []
    with tempfile.TemporaryDirectory(prefix="tastemaker-v2-") as folder:
        try:
            setup(folder)
            print("ok   both v2 recipes imported, trained and deployed")
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
        print(f"boto3 v2: FAILED ({', '.join(failed)})")
        return 1
    print(f"boto3 v2: all {len(GROUPS)} groups passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
