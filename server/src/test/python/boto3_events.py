#!/usr/bin/env python3
"""Streams events through the real boto3 clients and checks that answers follow them at once.

Usage: python3 boto3_events.py http://127.0.0.1:PORT

Imports users walking a cycle of 30 items (item-k, then item-k+1) into a dataset group with an
Items dataset, trains and deploys aws-hrnn with small settings, creates an event tracker, and checks:

- put_events for a new user: popular items before, the next item of the cycle right after;
- an anonymous session claimed by a user: the user's answer continues the session's events;
- a repeated eventId counts once;
- bad events (unknown trackingId, a property that is no schema field, a forbidden key, eleven
  events) are InvalidInputException naming the problem, and change nothing;
- put_items checks the Items schema (unknown field, wrong type) and accepts a valid record.

Prints one line per check group ("ok   ..." or "FAIL ...") and exits 0 when every group passed.
"""

import json
import random
import secrets
import sys
import tempfile
import os
import time
import traceback

import boto3
import botocore.config
import botocore.exceptions

REGION = "us-east-1"
WAIT = 60.0
ITEMS = 30
BASE = 1_700_000_000
KNOBS = {"hidden_dimension": "32", "epochs": "10", "batch_size": "32", "bptt": "8", "threads": "2"}


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def schema(name, fields):
    return json.dumps({"type": "record", "name": name, "namespace": "com.amazonaws.personalize.schema",
                       "fields": fields, "version": "1.0"})


class Run:
    def __init__(self, url):
        config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})
        common = dict(endpoint_url=url, region_name=REGION, aws_access_key_id="AKIDTEST",
                      aws_secret_access_key="secret", config=config)
        self.pz = boto3.client("personalize", **common)
        self.rt = boto3.client("personalize-runtime", **common)
        self.ev = boto3.client("personalize-events", **common)
        self.prefix = f"ev-{secrets.token_hex(4)}-"
        self.clock = BASE + 100_000

    def wait(self, describe, key, **kwargs):
        deadline = time.monotonic() + WAIT
        while True:
            obj = describe(**kwargs)[key]
            if obj.get("status") in ("ACTIVE", "CREATE FAILED"):
                check(obj["status"] == "ACTIVE", f"{key} failed: {obj.get('failureReason')}")
                return obj
            check(time.monotonic() < deadline, f"{key} still {obj.get('status')}")
            time.sleep(0.2)

    def setup(self, workdir):
        pz = self.pz
        group = pz.create_dataset_group(name=self.prefix + "g")["datasetGroupArn"]
        self.wait(pz.describe_dataset_group, "datasetGroup", datasetGroupArn=group)
        datasets = {}
        for kind, fields in {
            "Interactions": [{"name": "USER_ID", "type": "string"}, {"name": "ITEM_ID", "type": "string"},
                             {"name": "EVENT_TYPE", "type": "string"}, {"name": "TIMESTAMP", "type": "long"}],
            "Items": [{"name": "ITEM_ID", "type": "string"},
                      {"name": "GENRES", "type": ["null", "string"], "categorical": True},
                      {"name": "PRICE", "type": "float"}],
        }.items():
            arn = pz.create_schema(name=self.prefix + kind, schema=schema(kind, fields))["schemaArn"]
            datasets[kind] = pz.create_dataset(name=self.prefix + kind, datasetGroupArn=group, datasetType=kind,
                                               schemaArn=arn)["datasetArn"]
            self.wait(pz.describe_dataset, "dataset", datasetArn=datasets[kind])
        self.items_dataset = datasets["Items"]
        rng = random.Random(5)
        path = os.path.join(workdir, "interactions.csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP\n")
            for u in range(200):
                item = rng.randrange(ITEMS)
                for k in range(8 + rng.randrange(9)):
                    f.write(f"user-{u},item-{item},watch,{BASE + 60 * k}\n")
                    item = (item + 1) % ITEMS
        job = pz.create_dataset_import_job(jobName=self.prefix + "import", datasetArn=datasets["Interactions"],
                                           dataSource={"dataLocation": "file://" + path})["datasetImportJobArn"]
        self.wait(pz.describe_dataset_import_job, "datasetImportJob", datasetImportJobArn=job)
        tracker = pz.create_event_tracker(name=self.prefix + "t", datasetGroupArn=group)
        self.tracking_id = tracker["trackingId"]
        self.wait(pz.describe_event_tracker, "eventTracker", eventTrackerArn=tracker["eventTrackerArn"])
        solution = pz.create_solution(name=self.prefix + "s", datasetGroupArn=group,
                                      recipeArn="arn:aws:personalize:::recipe/aws-hrnn",
                                      solutionConfig={"algorithmHyperParameters": KNOBS})["solutionArn"]
        self.wait(pz.describe_solution, "solution", solutionArn=solution)
        version = pz.create_solution_version(solutionArn=solution)["solutionVersionArn"]
        self.wait(pz.describe_solution_version, "solutionVersion", solutionVersionArn=version)
        self.campaign = pz.create_campaign(name=self.prefix + "c", solutionVersionArn=version)["campaignArn"]
        self.wait(pz.describe_campaign, "campaign", campaignArn=self.campaign)

    def watch(self, item, **extra):
        self.clock += 60
        return {"eventType": "watch", "itemId": f"item-{item}", "sentAt": self.clock, **extra}

    def put(self, session, events, user=None):
        kwargs = {"userId": user} if user else {}
        self.ev.put_events(trackingId=self.tracking_id, sessionId=session, eventList=events, **kwargs)

    def top(self, user, n):
        items = self.rt.get_recommendations(campaignArn=self.campaign, userId=user, numResults=n)["itemList"]
        return [i["itemId"] for i in items]

    def invalid(self, call, contains, **kwargs):
        try:
            call(**kwargs)
        except botocore.exceptions.ClientError as e:
            error = e.response["Error"]
            check(error["Code"] in ("InvalidInputException", "ValidationException")
                  and e.response["ResponseMetadata"]["HTTPStatusCode"] == 400,
                  f"expected InvalidInputException, got {error}")
            check(contains in error.get("Message", ""), f"message {error.get('Message')!r} lacks {contains!r}")
            return
        except botocore.exceptions.ParamValidationError as e:
            check(contains == "", f"boto3 refused before sending: {e}")
            return
        raise CheckFailed(f"expected a failure containing {contains!r}")


def new_user(run):
    check(run.top("newcomer", 10) == run.top("stranger", 10), "a new user starts with the popular items")
    run.put("s-newcomer", [run.watch(20), run.watch(21)], user="newcomer")
    check("item-22" in run.top("newcomer", 3), f"after item-20, item-21: {run.top('newcomer', 3)}")


def claimed_session(run):
    run.put("anon", [run.watch(3), run.watch(4)])
    check("item-5" in run.top("anon", 3), "the anonymous session's own answer")
    run.put("anon", [run.watch(5)], user="claimer")
    check("item-6" in run.top("claimer", 3), f"the claimer continues the session: {run.top('claimer', 3)}")
    check(run.top("anon", 10) == run.top("stranger", 10), "the claimed session alone is a stranger again")


def repeated_event_id(run):
    run.put("s-rep", [run.watch(14, eventId="same")], user="repeater")
    run.put("s-rep", [run.watch(25, eventId="same")], user="repeater")
    top = run.top("repeater", 3)
    check("item-15" in top and "item-26" not in top, f"the second event with the same id was used: {top}")


def bad_events(run):
    run.invalid(run.ev.put_events, "nope", trackingId="nope", sessionId="s", eventList=[run.watch(1)])
    run.invalid(run.ev.put_events, "colour", trackingId=run.tracking_id, userId="careful", sessionId="s",
                eventList=[run.watch(1, properties=json.dumps({"colour": "red"}))])
    run.invalid(run.ev.put_events, "userId", trackingId=run.tracking_id, userId="careful", sessionId="s",
                eventList=[run.watch(1, properties=json.dumps({"userId": "x"}))])
    run.invalid(run.ev.put_events, "", trackingId=run.tracking_id, userId="careful", sessionId="s",
                eventList=[run.watch(i) for i in range(11)])
    check(run.top("careful", 10) == run.top("stranger", 10), "refused events changed nothing")


def put_items(run):
    run.ev.put_items(datasetArn=run.items_dataset, items=[{"itemId": "item-1", "properties": json.dumps({"genres": "Comedy", "price": 2.5})}])
    run.invalid(run.ev.put_items, "colour", datasetArn=run.items_dataset,
                items=[{"itemId": "item-2", "properties": json.dumps({"colour": "red", "price": 1})}])
    run.invalid(run.ev.put_items, "price", datasetArn=run.items_dataset,
                items=[{"itemId": "item-2", "properties": json.dumps({"price": "cheap"})}])


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    run = Run(sys.argv[1])
    with tempfile.TemporaryDirectory() as workdir:
        run.setup(workdir)
        checks = [new_user, claimed_session, repeated_event_id, bad_events, put_items]
        failed = 0
        for c in checks:
            try:
                c(run)
                print(f"ok   {c.__name__}")
            except Exception:  # noqa: BLE001 - report every group
                failed += 1
                print(f"FAIL {c.__name__}\n{traceback.format_exc()}")
    if failed == 0:
        print(f"boto3 events: all {len(checks)} check groups passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
