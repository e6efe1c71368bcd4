#!/usr/bin/env python3
"""Next-Best-Action (aws-next-best-action) through the real boto3 clients.

Usage: python3 boto3_next_best_action.py http://127.0.0.1:PORT

Writes a small planted data set into $TMPDIR (users in four taste groups by the items they view;
each group takes its own action six times in ten when shown it, everyone takes two broad actions a
quarter of the time; one action expired two days ago), imports Interactions, Actions and
Action_Interactions, trains aws-next-best-action, deploys a campaign and checks:

- the Action_Interactions dataset has a trackingId; DescribeRecipe gives PERSONALIZED_ACTIONS;
- GetActionRecommendations: actionList of actionId and score in [0, 1], descending, the planted
  action first for most users, the expired action never; numResults; a stranger gets five;
- PutActions and PutActionInteractions accept good records and refuse a bad event type naming it;
- GetSolutionMetrics reports action_auc;
- ActionID filters: on Actions records (a PutActions value counts at once), on the user's action
  interactions with a $placeholder in another spelling ("NOT_TAKEN"), a clear refusal of an Items
  condition; a batch inference job of the version writes actionList lines through the filter, the
  same actions and scores as GetActionRecommendations, and an error line for a line without userId.

Prints one line per check group ("ok   ..." or "FAIL ...") and exits 0 when every group passed.
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

REGION = "us-east-1"
GROUPS = 4
USERS = 600
DAY = 86400


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def wait(describe, key, timeout=600):
    deadline = time.time() + timeout
    while time.time() < deadline:
        status = describe()[key]["status"]
        if status in ("ACTIVE", "CREATE FAILED"):
            return describe()[key]
        time.sleep(0.5)
    raise CheckFailed(f"{key} still not ACTIVE after {timeout} s")


def planted(u):
    return f"act-{u % GROUPS}"


def write_data(folder, end):
    rng = random.Random(5)
    actions = [f"act-{g}" for g in range(GROUPS)] + ["broad-0", "broad-1", "expired"]
    paths = {}
    paths["interactions"] = os.path.join(folder, "interactions.csv")
    with open(paths["interactions"], "w") as f:
        f.write("USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP\n")
        for u in range(USERS):
            for _ in range(12):
                g = u % GROUPS if rng.random() < 0.85 else rng.randrange(GROUPS)
                f.write(f"u{u},item-{g}-{rng.randrange(20)},View,{end - 30 * DAY + rng.randrange(29 * DAY)}\n")
    paths["actions"] = os.path.join(folder, "actions.csv")
    with open(paths["actions"], "w") as f:
        f.write("ACTION_ID,VALUE,EXPIRATION_TIMESTAMP\n")
        for a in actions:
            f.write(f"{a},10,{end - 2 * DAY if a == 'expired' else ''}\n")
    paths["action_interactions"] = os.path.join(folder, "action-interactions.csv")
    with open(paths["action_interactions"], "w") as f:
        f.write("USER_ID,ACTION_ID,EVENT_TYPE,TIMESTAMP\n")
        for u in range(USERS * 8 // 10):
            for a in actions:
                rate = 0.9 if a == "expired" else 0.25 if a.startswith("broad") else 0.6 if a == planted(u) else 0.05
                t = end - 30 * DAY + rng.randrange(29 * DAY)
                f.write(f"u{u},{a},Viewed,{t}\n")
                f.write(f"u{u},{a},{'Taken' if rng.random() < rate else 'Not taken'},{t + 60}\n")
    return paths


SCHEMAS = {
    "Interactions": '{"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":['
                    '{"name":"USER_ID","type":"string"},{"name":"ITEM_ID","type":"string"},{"name":"EVENT_TYPE","type":"string"},'
                    '{"name":"TIMESTAMP","type":"long"}],"version":"1.0"}',
    "Actions": '{"type":"record","name":"Actions","namespace":"com.amazonaws.personalize.schema","fields":['
               '{"name":"ACTION_ID","type":"string"},{"name":"VALUE","type":["null","long"]},'
               '{"name":"EXPIRATION_TIMESTAMP","type":["null","long"]}],"version":"1.0"}',
    "Action_Interactions": '{"type":"record","name":"ActionInteractions","namespace":"com.amazonaws.personalize.schema","fields":['
                           '{"name":"USER_ID","type":"string"},{"name":"ACTION_ID","type":"string"},'
                           '{"name":"EVENT_TYPE","type":"string"},{"name":"TIMESTAMP","type":"long"}],"version":"1.0"}',
}


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    url = sys.argv[1]
    config = botocore.config.Config(retries={"max_attempts": 1})
    kw = dict(endpoint_url=url, region_name=REGION, aws_access_key_id="any", aws_secret_access_key="any", config=config)
    personalize = boto3.client("personalize", **kw)
    runtime = boto3.client("personalize-runtime", **kw)
    events = boto3.client("personalize-events", **kw)
    prefix = "nba-" + secrets.token_hex(3)
    folder = tempfile.mkdtemp(prefix="nba-", dir=os.environ.get("TMPDIR"))
    end = int(time.time())
    paths = write_data(folder, end)
    failures = 0

    def group_check(name, body):
        nonlocal failures
        try:
            body()
            print(f"ok   {name}")
        except Exception as e:  # noqa: BLE001 - every failure is reported, then the script goes on
            failures += 1
            print(f"FAIL {name}: {e}")
            traceback.print_exc()

    state = {}

    def setup():
        group = personalize.create_dataset_group(name=prefix)["datasetGroupArn"]
        wait(lambda: personalize.describe_dataset_group(datasetGroupArn=group), "datasetGroup")
        for kind, path in (("Interactions", paths["interactions"]), ("Actions", paths["actions"]),
                           ("Action_Interactions", paths["action_interactions"])):
            schema = personalize.create_schema(name=f"{prefix}-{kind.lower()}", schema=SCHEMAS[kind])["schemaArn"]
            dataset = personalize.create_dataset(name=f"{prefix}-{kind.lower()}", datasetGroupArn=group, datasetType=kind,
                                                 schemaArn=schema)["datasetArn"]
            wait(lambda: personalize.describe_dataset(datasetArn=dataset), "dataset")
            job = personalize.create_dataset_import_job(jobName=f"{prefix}-{kind.lower()}", datasetArn=dataset,
                                                        dataSource={"dataLocation": "file://" + path},
                                                        roleArn="arn:aws:iam::000000000000:role/p")["datasetImportJobArn"]
            imported = wait(lambda: personalize.describe_dataset_import_job(datasetImportJobArn=job), "datasetImportJob")
            check(imported["status"] == "ACTIVE", f"{kind} import: {imported.get('failureReason')}")
            state[kind] = dataset
        tracking = personalize.describe_dataset(datasetArn=state["Action_Interactions"])["dataset"].get("trackingId")
        check(bool(tracking), "the Action_Interactions dataset has no trackingId")
        state["trackingId"] = tracking
        recipe = personalize.describe_recipe(recipeArn="arn:aws:personalize:::recipe/aws-next-best-action")["recipe"]
        check(recipe["recipeType"] == "PERSONALIZED_ACTIONS", f"recipeType {recipe['recipeType']}")
        solution = personalize.create_solution(name=prefix, datasetGroupArn=group,
                                               recipeArn="arn:aws:personalize:::recipe/aws-next-best-action")["solutionArn"]
        wait(lambda: personalize.describe_solution(solutionArn=solution), "solution")
        version = personalize.create_solution_version(solutionArn=solution)["solutionVersionArn"]
        trained = wait(lambda: personalize.describe_solution_version(solutionVersionArn=version), "solutionVersion")
        check(trained["status"] == "ACTIVE", f"training: {trained.get('failureReason')}")
        state["group"] = group
        state["version"] = version
        metrics = personalize.get_solution_metrics(solutionVersionArn=version)["metrics"]
        check(metrics.get("action_auc", 0) > 0.75, f"action_auc {metrics}")
        campaign = personalize.create_campaign(name=prefix, solutionVersionArn=version)["campaignArn"]
        check(wait(lambda: personalize.describe_campaign(campaignArn=campaign), "campaign")["status"] == "ACTIVE", "campaign")
        state["campaign"] = campaign

    def recommendations():
        hits = 0
        asked = 0
        for u in range(0, USERS, 6):
            answer = runtime.get_action_recommendations(campaignArn=state["campaign"], userId=f"u{u}", numResults=3)
            actions = answer["actionList"]
            check(len(actions) == 3, f"u{u}: {actions}")
            check(answer["recommendationId"], "no recommendationId")
            scores = [a["score"] for a in actions]
            check(all(0 <= s <= 1 for s in scores) and scores == sorted(scores, reverse=True), f"u{u} scores {scores}")
            check("expired" not in [a["actionId"] for a in actions], f"u{u} got the expired action")
            hits += actions[0]["actionId"] == planted(u)
            asked += 1
        check(hits > asked * 0.85, f"planted action first for {hits} of {asked} users")
        stranger = runtime.get_action_recommendations(campaignArn=state["campaign"], userId="stranger")["actionList"]
        check(len(stranger) == 5, f"a stranger got {len(stranger)} actions, not the default 5")

    def events_api():
        events.put_actions(datasetArn=state["Actions"], actions=[{"actionId": "new-action", "properties": '{"value": 3}'}])
        events.put_action_interactions(trackingId=state["trackingId"], actionInteractions=[
            {"actionId": "act-0", "userId": "u0", "sessionId": "s0", "timestamp": time.time(), "eventType": "Taken"}])
        try:
            events.put_action_interactions(trackingId=state["trackingId"], actionInteractions=[
                {"actionId": "act-0", "userId": "u0", "sessionId": "s0", "timestamp": time.time(), "eventType": "Liked"}])
            raise CheckFailed("an eventType Liked was accepted")
        except events.exceptions.InvalidInputException as e:
            check("Liked" in str(e), f"the refusal does not name the value: {e}")

    def active_filter(expression):
        arn = personalize.create_filter(name=f"{prefix}-f{secrets.token_hex(3)}", datasetGroupArn=state["group"],
                                        filterExpression=expression)["filterArn"]
        check(wait(lambda: personalize.describe_filter(filterArn=arn), "filter")["status"] == "ACTIVE", f"filter {expression}")
        return arn

    def actions_of(user, **kw):
        return runtime.get_action_recommendations(campaignArn=state["campaign"], userId=user, numResults=10, **kw)["actionList"]

    def filters_and_batch():
        events.put_actions(datasetArn=state["Actions"], actions=[{"actionId": "broad-1", "properties": '{"value": 40}'}])
        cheap = active_filter("EXCLUDE ActionID WHERE Actions.VALUE > 10")
        every = actions_of("u5")
        filtered = actions_of("u5", filterArn=cheap)
        check("broad-1" in [a["actionId"] for a in every], f"u5 unfiltered: {every}")
        check(filtered == [a for a in every if a["actionId"] != "broad-1"], f"u5 filtered: {filtered}, unfiltered: {every}")
        declined = set()
        with open(paths["action_interactions"]) as f:
            for line in f:
                user, action, event_type, _ = line.strip().split(",")
                if user == "u5" and event_type == "Not taken" and action != "expired":
                    declined.add(action)
        by_value = active_filter("INCLUDE ActionID WHERE Action_Interactions.EVENT_TYPE IN ($EVENT_TYPE)")
        chosen = actions_of("u5", filterArn=by_value, filterValues={"EVENT_TYPE": '"NOT_TAKEN"'})
        check({a["actionId"] for a in chosen} == declined, f"u5 declined {declined}, the filter gave {chosen}")
        try:
            personalize.create_filter(name=f"{prefix}-bad", datasetGroupArn=state["group"],
                                      filterExpression='EXCLUDE ActionID WHERE Items.GENRE IN ("x")')
            raise CheckFailed("an ActionID filter on Items was accepted")
        except personalize.exceptions.InvalidInputException as e:
            check("ActionID expressions test Actions or Action_Interactions fields, got Items.GENRE" in str(e), f"refusal: {e}")
        source = os.path.join(folder, "users.json")
        with open(source, "w") as f:
            f.write(json.dumps({"userId": "u5"}) + "\n" + json.dumps({"userId": "u7"}) + "\n" + json.dumps({"user": "u9"}) + "\n")
        out = os.path.join(folder, "batch-out")
        job = personalize.create_batch_inference_job(jobName=f"{prefix}-batch", solutionVersionArn=state["version"], numResults=10,
                                                     filterArn=cheap, roleArn="arn:aws:iam::000000000000:role/p",
                                                     jobInput={"s3DataSource": {"path": source}},
                                                     jobOutput={"s3DataDestination": {"path": out}})["batchInferenceJobArn"]
        done = wait(lambda: personalize.describe_batch_inference_job(batchInferenceJobArn=job), "batchInferenceJob")
        check(done["status"] == "ACTIVE", f"batch job: {done.get('failureReason')}")
        with open(os.path.join(out, "users.json.out")) as f:
            lines = [json.loads(line) for line in f]
        check(len(lines) == 3, f"{len(lines)} output lines")
        for line in lines[:2]:
            live = actions_of(line["input"]["userId"], filterArn=cheap)
            check(line["error"] is None and line["output"]["actionList"] == live, f"batch line {line} against {live}")
        check(lines[2]["output"] is None and "userId is required" in lines[2]["error"], f"line without userId: {lines[2]}")

    group_check("datasets, training, metrics and campaign", setup)
    if "campaign" in state:
        group_check("GetActionRecommendations", recommendations)
        group_check("PutActions and PutActionInteractions", events_api)
        group_check("ActionID filters and batch inference of actions", filters_and_batch)
    else:
        failures += 1
    print("boto3 next-best-action: all checks passed" if failures == 0 else f"boto3 next-best-action: {failures} check group(s) failed")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
