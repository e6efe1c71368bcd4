#!/usr/bin/env python3
"""aws-user-personalization through the real boto3 clients, as Personalize's getting-started flow runs it.

Usage: python3 boto3_user_personalization.py http://127.0.0.1:PORT

Imports the genre shop of workflow_data.py with an IMPRESSION column (each event shows the chosen
movie, movie-007 and the next two movies; movie-007 is never chosen from them) and its Items dataset
(new movies created 30 days after the interactions: young, known only from metadata), trains an
aws-user-personalization solution (small settings), and checks:

- describe_recipe: USER_PERSONALIZATION with its algorithm and feature transformation.
- a campaign with itemExplorationConfig explorationWeight 0: no reasons, scores of every item sum to 1.
- a campaign with explorationWeight 0.9: items with reason ["Exploration"], all of them new movies.
- put_events with impression and with recommendationId alone are accepted.
- create_solution_version with trainingMode UPDATE after put_items: the new item is recommended.
- an explorationWeight of 2 is InvalidInputException naming the member.

Names carry a random prefix (up-<hex>-); whatever the run made is deleted at the end. Prints one
line per check ("ok   ..." or "FAIL ...") and exits 0 when every check passed, 1 otherwise.
"""

import datetime
import json
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

RECIPE = "arn:aws:personalize:::recipe/aws-user-personalization"
KNOBS = {"hidden_dimension": "32", "epochs": "8", "batch_size": "32", "bptt": "8", "threads": "2"}
DUD = "movie-007"
INTERACTIONS_SCHEMA = {
    "type": "record", "name": "Interactions", "namespace": "com.amazonaws.personalize.schema",
    "fields": [{"name": "USER_ID", "type": "string"}, {"name": "ITEM_ID", "type": "string"},
               {"name": "EVENT_TYPE", "type": "string"}, {"name": "TIMESTAMP", "type": "long"},
               {"name": "IMPRESSION", "type": ["null", "string"]}],
    "version": "1.0"}
ITEMS_SCHEMA = {
    "type": "record", "name": "Items", "namespace": "com.amazonaws.personalize.schema",
    "fields": [{"name": "ITEM_ID", "type": "string"},
               {"name": "GENRES", "type": ["null", "string"], "categorical": True},
               {"name": "CREATION_TIMESTAMP", "type": "long"}],
    "version": "1.0"}


class CheckFailed(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    url = sys.argv[1]
    config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=120)
    common = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="AKIDTEST", aws_secret_access_key="secret", config=config)
    pz = boto3.client("personalize", **common)
    rt = boto3.client("personalize-runtime", **common)
    ev = boto3.client("personalize-events", **common)
    prefix = f"up-{secrets.token_hex(4)}-"
    folder = tempfile.mkdtemp()
    created = []
    failures = 0

    def wait(describe, key, arn_key, arn, timeout=600):
        deadline = time.monotonic() + timeout
        while True:
            obj = describe(**{arn_key: arn})[key]
            if obj["status"] in ("ACTIVE", "CREATE FAILED"):
                check(obj["status"] == "ACTIVE", f"{arn}: {obj['status']} ({obj.get('failureReason')})")
                return obj
            check(time.monotonic() < deadline, f"{arn} still {obj['status']}")
            time.sleep(0.2)

    def step(name, fn):
        nonlocal failures
        try:
            fn()
            print(f"ok   {name}")
        except Exception as e:  # noqa: BLE001 - every failure is reported and the run goes on
            failures += 1
            print(f"FAIL {name}: {e}")
            traceback.print_exc()

    state = {}
    try:
        events, _, _ = shop.genre_shop()
        interactions = os.path.join(folder, "interactions.csv")
        with open(interactions, "w", encoding="utf-8") as f:
            f.write("USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP,IMPRESSION\n")
            for user, item, ts in events:
                if item == DUD:
                    continue
                n = int(item.split("-")[1])
                shown = "|".join([item, DUD, shop.MOVIES[(n + 1) % 120], shop.MOVIES[(n + 2) % 120]])
                f.write(f"{user},{item},watch,{ts},{shown}\n")
            for u in range(30):
                f.write(f"{shop.user_id(u * 6)},{DUD},watch,{shop.BASE + u},\n")
        items = os.path.join(folder, "items.csv")
        with open(items, "w", encoding="utf-8") as f:
            f.write("ITEM_ID,GENRES,CREATION_TIMESTAMP\n")
            for n, movie in enumerate(shop.MOVIES):
                f.write(f"{movie},{shop.genre_of(movie)},{shop.BASE - 200 * shop.DAY}\n")
            for n, movie in enumerate(shop.NEW_MOVIES):
                f.write(f"{movie},{shop.genre_of(movie)},{shop.BASE + 30 * shop.DAY + n * 60}\n")

        group = pz.create_dataset_group(name=prefix + "group")["datasetGroupArn"]
        created.append(("dataset_group", group))
        wait(pz.describe_dataset_group, "datasetGroup", "datasetGroupArn", group)
        datasets = {}
        for kind, schema, path in (("Interactions", INTERACTIONS_SCHEMA, interactions), ("Items", ITEMS_SCHEMA, items)):
            schema_arn = pz.create_schema(name=prefix + kind.lower(), schema=json.dumps(schema))["schemaArn"]
            dataset = pz.create_dataset(name=prefix + kind.lower(), datasetGroupArn=group, datasetType=kind, schemaArn=schema_arn)["datasetArn"]
            wait(pz.describe_dataset, "dataset", "datasetArn", dataset)
            job = pz.create_dataset_import_job(jobName=prefix + kind.lower(), datasetArn=dataset, dataSource={"dataLocation": path},
                                               roleArn="arn:aws:iam::000000000000:role/x")["datasetImportJobArn"]
            wait(pz.describe_dataset_import_job, "datasetImportJob", "datasetImportJobArn", job)
            datasets[kind] = dataset
        solution = pz.create_solution(name=prefix + "sol", datasetGroupArn=group, recipeArn=RECIPE,
                                      solutionConfig={"algorithmHyperParameters": KNOBS})["solutionArn"]
        wait(pz.describe_solution, "solution", "solutionArn", solution)
        version = pz.create_solution_version(solutionArn=solution)["solutionVersionArn"]
        wait(pz.describe_solution_version, "solutionVersion", "solutionVersionArn", version)
        campaigns = {}
        for name, weight in (("relevance", "0"), ("exploring", "0.9")):
            arn = pz.create_campaign(name=prefix + name, solutionVersionArn=version,
                                     campaignConfig={"itemExplorationConfig": {"explorationWeight": weight, "explorationItemAgeCutOff": "30"}})["campaignArn"]
            wait(pz.describe_campaign, "campaign", "campaignArn", arn)
            campaigns[name] = arn
        state.update(group=group, solution=solution, version=version, campaigns=campaigns, datasets=datasets)
    except Exception as e:  # noqa: BLE001
        print(f"FAIL setup: {e}")
        traceback.print_exc()
        shutil.rmtree(folder, ignore_errors=True)
        return 1

    def recipe():
        r = pz.describe_recipe(recipeArn=RECIPE)["recipe"]
        check(r["recipeType"] == "USER_PERSONALIZATION", r)
        check(r["algorithmArn"] == "arn:aws:personalize:::algorithm/aws-user-personalization", r)
        check(r["featureTransformationArn"] == "arn:aws:personalize:::feature-transformation/user-personalization", r)

    def relevance():
        items = rt.get_recommendations(campaignArn=state["campaigns"]["relevance"], userId="user-004", numResults=500)["itemList"]
        check(len(items) >= 240, len(items))
        total = sum(i["score"] for i in items)
        check(abs(total - 1) < 1e-6, f"scores sum to {total}")
        check(all(not i.get("reason") for i in items), [i for i in items if i.get("reason")][:3])
        described = pz.describe_campaign(campaignArn=state["campaigns"]["relevance"])["campaign"]
        check(described["campaignConfig"]["itemExplorationConfig"]["explorationWeight"] == "0", described["campaignConfig"])

    def exploring():
        explored = 0
        for u in range(20):
            for item in rt.get_recommendations(campaignArn=state["campaigns"]["exploring"], userId=shop.user_id(u), numResults=10)["itemList"]:
                if "Exploration" in (item.get("reason") or []):
                    explored += 1
                    check(item["itemId"].startswith("new-"), item)
        check(150 <= explored <= 200, f"{explored} of 200 slots explored at weight 0.9")

    def impressions():
        tracker = pz.create_event_tracker(name=prefix + "tracker", datasetGroupArn=state["group"])["eventTrackerArn"]
        created.append(("event_tracker", tracker))
        tracking = wait(pz.describe_event_tracker, "eventTracker", "eventTrackerArn", tracker)["trackingId"]
        answer = rt.get_recommendations(campaignArn=state["campaigns"]["relevance"], userId="user-010", numResults=5)
        sent = datetime.datetime.fromtimestamp(shop.BASE + 500 * 3600, tz=datetime.timezone.utc)
        ev.put_events(trackingId=tracking, userId="user-010", sessionId="s1", eventList=[
            {"eventType": "watch", "itemId": answer["itemList"][0]["itemId"], "sentAt": sent, "recommendationId": answer["recommendationId"]},
            {"eventType": "watch", "itemId": "movie-003", "sentAt": sent, "impression": ["movie-003", "movie-004"]}])

    def update():
        ev.put_items(datasetArn=state["datasets"]["Items"], items=[
            {"itemId": "fresh-py", "properties": json.dumps({"GENRES": "Drama", "CREATION_TIMESTAMP": shop.BASE + 31 * shop.DAY})}])
        v = pz.create_solution_version(solutionArn=state["solution"], trainingMode="UPDATE")["solutionVersionArn"]
        described = wait(pz.describe_solution_version, "solutionVersion", "solutionVersionArn", v)
        check(described["trainingMode"] == "UPDATE", described)
        pz.update_campaign(campaignArn=state["campaigns"]["relevance"], solutionVersionArn=v)
        deadline = time.monotonic() + 60
        while pz.describe_campaign(campaignArn=state["campaigns"]["relevance"])["campaign"]["solutionVersionArn"] != v:
            check(time.monotonic() < deadline, "the campaign never served the UPDATE version")
            time.sleep(0.2)
        items = rt.get_recommendations(campaignArn=state["campaigns"]["relevance"], userId="user-004", numResults=500)["itemList"]
        check("fresh-py" in [i["itemId"] for i in items], "fresh-py not recommended after trainingMode UPDATE")

    def refused():
        try:
            pz.create_campaign(name=prefix + "bad", solutionVersionArn=state["version"],
                               campaignConfig={"itemExplorationConfig": {"explorationWeight": "2"}})
        except botocore.exceptions.ClientError as e:
            check(e.response["Error"]["Code"] == "InvalidInputException", e.response["Error"])
            check("explorationWeight" in e.response["Error"]["Message"], e.response["Error"]["Message"])
            return
        raise CheckFailed("explorationWeight 2 was accepted")

    step("describe_recipe aws-user-personalization", recipe)
    step("explorationWeight 0: pure relevance, scores sum to 1", relevance)
    step("explorationWeight 0.9: new movies marked Exploration", exploring)
    step("put_events with impression and with recommendationId", impressions)
    step("trainingMode UPDATE takes in a put item", update)
    step("explorationWeight 2 refused", refused)

    for campaign in state.get("campaigns", {}).values():
        try:
            pz.delete_campaign(campaignArn=campaign)
        except botocore.exceptions.ClientError:
            pass
    shutil.rmtree(folder, ignore_errors=True)
    if failures == 0:
        print("boto3 user-personalization: all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
