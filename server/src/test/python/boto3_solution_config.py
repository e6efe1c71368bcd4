#!/usr/bin/env python3
"""The solution configuration users send today, through the real boto3 clients.

Usage: python3 boto3_solution_config.py http://127.0.0.1:PORT

Imports typed events (1,000 users view "viewed", 750 click "clicked", 500 buy "bought" with value
u mod 10) and checks:

- eventsConfig: DescribeSolution echoes it; with click 0.1 and purchase 1.0, aws-popularity-count's
  first item is "bought" (without it, "viewed"); a weight of 0 for every type and an event type given
  twice are InvalidInputException naming the member.
- trainingDataConfig and optimizationObjective: an unknown Items column and a non-numeric
  itemAttribute are refused naming the member and the value; accepted ones are echoed.
- performAutoTraining: true when not given; rate(0 days) is refused naming the member and value.
- UpdateSolution: turns automatic training on with rate(3 days) and a new eventsConfig;
  DescribeSolution's latestSolutionUpdate is ACTIVE with them; the manual version has trainingType
  MANUAL; performIncrementalUpdate is refused.

Prints one line per check group ("ok   ..." or "FAIL ...") and exits 0 when every group passed, 1
otherwise (2 on bad usage). Needs only the Python standard library and boto3/botocore.
"""

import os
import secrets
import sys
import tempfile
import time
import traceback

import boto3
import botocore.config
import botocore.exceptions

REGION = "us-east-1"
POPULARITY = "arn:aws:personalize:::recipe/aws-popularity-count"
HRNN = "arn:aws:personalize:::recipe/aws-hrnn"
BASE = 1_700_000_000
INTERACTIONS_SCHEMA = ('{"type":"record","name":"Interactions","namespace":"com.amazonaws.personalize.schema","fields":['
                       '{"name":"USER_ID","type":"string"},{"name":"ITEM_ID","type":"string"},'
                       '{"name":"EVENT_TYPE","type":"string"},{"name":"EVENT_VALUE","type":["float","null"]},'
                       '{"name":"TIMESTAMP","type":"long"}],"version":"1.0"}')
ITEMS_SCHEMA = ('{"type":"record","name":"Items","namespace":"com.amazonaws.personalize.schema","fields":['
                '{"name":"ITEM_ID","type":"string"},{"name":"GENRES","type":["null","string"],"categorical":true},'
                '{"name":"PRICE","type":"float"}],"version":"1.0"}')


class CheckFailed(AssertionError):
    """A check did not hold; the message says what was expected and what came back."""


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def check_eq(actual, expected, what):
    check(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


def wait(describe, key, timeout=600.0):
    deadline = time.monotonic() + timeout
    while True:
        status = describe()[key]["status"]
        if status in ("ACTIVE", "CREATE FAILED"):
            return status
        check(time.monotonic() < deadline, f"{key} still {status} after {timeout} s")
        time.sleep(0.2)


def refused(call, fragment, what):
    try:
        call()
    except botocore.exceptions.ClientError as e:
        code = e.response["Error"]["Code"]
        message = e.response["Error"]["Message"]
        check_eq(code, "InvalidInputException", what)
        check(fragment in message, f"{what}: expected a message containing {fragment!r}, got {message!r}")
        return
    raise CheckFailed(f"{what}: accepted")


class Run:
    def __init__(self, url):
        config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=60)
        common = dict(endpoint_url=url, region_name=REGION, aws_access_key_id="AKIDTEST",
                      aws_secret_access_key="secret", config=config)
        self.pz = boto3.client("personalize", **common)
        self.rt = boto3.client("personalize-runtime", **common)
        self.prefix = f"cfg-{secrets.token_hex(4)}-"
        self.folder = tempfile.mkdtemp()

    def name(self, suffix):
        return self.prefix + suffix

    def dataset(self, group, kind, schema, rows):
        schema_arn = self.pz.create_schema(name=self.name(kind + "-schema"), schema=schema)["schemaArn"]
        arn = self.pz.create_dataset(name=self.name(kind), datasetGroupArn=group, datasetType=kind,
                                     schemaArn=schema_arn)["datasetArn"]
        wait(lambda: self.pz.describe_dataset(datasetArn=arn), "dataset")
        path = os.path.join(self.folder, kind + ".csv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(rows) + "\n")
        job = self.pz.create_dataset_import_job(jobName=self.name(kind + "-import"), datasetArn=arn,
                                                dataSource={"dataLocation": "file://" + path},
                                                roleArn="arn:aws:iam::000000000000:role/x")["datasetImportJobArn"]
        check_eq(wait(lambda: self.pz.describe_dataset_import_job(datasetImportJobArn=job), "datasetImportJob"),
                 "ACTIVE", "import " + kind)

    def setup(self):
        self.group = self.pz.create_dataset_group(name=self.name("group"))["datasetGroupArn"]
        wait(lambda: self.pz.describe_dataset_group(datasetGroupArn=self.group), "datasetGroup")
        rows = ["USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP"]
        for u in range(1000):
            rows.append(f"u{u},viewed,view,1,{BASE}")
            if u < 750:
                rows.append(f"u{u},clicked,click,1,{BASE + 60}")
            if u < 500:
                rows.append(f"u{u},bought,purchase,{u % 10},{BASE + 120}")
        self.dataset(self.group, "Interactions", INTERACTIONS_SCHEMA, rows)
        self.dataset(self.group, "Items", ITEMS_SCHEMA,
                     ["ITEM_ID,GENRES,PRICE", "viewed,A,1.5", "clicked,B,20", "bought,A,99.5"])

    def solution(self, **extra):
        arn = self.pz.create_solution(name=self.name(secrets.token_hex(3)), datasetGroupArn=self.group, **extra)["solutionArn"]
        wait(lambda: self.pz.describe_solution(solutionArn=arn), "solution")
        return arn

    def first_item(self, solution):
        version = self.pz.create_solution_version(solutionArn=solution)["solutionVersionArn"]
        status = wait(lambda: self.pz.describe_solution_version(solutionVersionArn=version), "solutionVersion")
        described = self.pz.describe_solution_version(solutionVersionArn=version)["solutionVersion"]
        check_eq(status, "ACTIVE", f"version of {solution} ({described.get('failureReason')})")
        check_eq(described.get("trainingType"), "MANUAL", "a version created by CreateSolutionVersion")
        campaign = self.pz.create_campaign(name=self.name(secrets.token_hex(3)), solutionVersionArn=version)["campaignArn"]
        check_eq(wait(lambda: self.pz.describe_campaign(campaignArn=campaign), "campaign"), "ACTIVE", "campaign")
        return self.rt.get_recommendations(campaignArn=campaign, userId="u1", numResults=3)["itemList"][0]["itemId"]


def events_config(run):
    weighted = {"eventParametersList": [{"eventType": "click", "weight": 0.1}, {"eventType": "purchase", "weight": 1.0}]}
    plain = run.solution(recipeArn=POPULARITY, performAutoTraining=False)
    check_eq(run.first_item(plain), "viewed", "first item without eventsConfig")
    solution = run.solution(recipeArn=POPULARITY, performAutoTraining=False, solutionConfig={"eventsConfig": weighted})
    echoed = run.pz.describe_solution(solutionArn=solution)["solution"]["solutionConfig"]["eventsConfig"]
    check_eq(echoed, weighted, "describe_solution eventsConfig")
    check_eq(run.first_item(solution), "bought", "first item with purchases weighted 10 to 1 against clicks")
    refused(lambda: run.pz.create_solution(name=run.name("zero"), datasetGroupArn=run.group, recipeArn=POPULARITY,
                                           solutionConfig={"eventsConfig": {"eventParametersList": [{"eventType": "click", "weight": 0.0}]}}),
            "solutionConfig.eventsConfig.eventParametersList gives every event type weight 0", "all weights 0")
    refused(lambda: run.pz.create_solution(name=run.name("twice"), datasetGroupArn=run.group, recipeArn=POPULARITY,
                                           solutionConfig={"eventsConfig": {"eventParametersList": [{"eventType": "click"}, {"eventType": "click"}]}}),
            "eventParametersList[1].eventType lists click a second time", "an event type twice")
    return "eventsConfig: purchases weighted over clicks make 'bought' first; bad lists refused"


def columns_and_objective(run):
    refused(lambda: run.pz.create_solution(name=run.name("cols"), datasetGroupArn=run.group, recipeArn=HRNN,
                                           solutionConfig={"trainingDataConfig": {"excludedDatasetColumns": {"ITEMS": ["COLOUR"]}}}),
            "solutionConfig.trainingDataConfig.excludedDatasetColumns.ITEMS names COLOUR", "an unknown column")
    refused(lambda: run.pz.create_solution(name=run.name("obj"), datasetGroupArn=run.group, recipeArn=HRNN,
                                           solutionConfig={"optimizationObjective": {"itemAttribute": "GENRES"}}),
            "solutionConfig.optimizationObjective.itemAttribute GENRES must be a numeric Items column", "a string attribute")
    config = {"trainingDataConfig": {"excludedDatasetColumns": {"ITEMS": ["GENRES"]}},
              "optimizationObjective": {"itemAttribute": "PRICE", "objectiveSensitivity": "LOW"}}
    solution = run.solution(recipeArn=HRNN, performAutoTraining=False, solutionConfig=config)
    echoed = run.pz.describe_solution(solutionArn=solution)["solution"]["solutionConfig"]
    check_eq(echoed["trainingDataConfig"], config["trainingDataConfig"], "describe_solution trainingDataConfig")
    check_eq(echoed["optimizationObjective"], config["optimizationObjective"], "describe_solution optimizationObjective")
    return "trainingDataConfig and optimizationObjective: checked against the schemas, echoed"


def auto_training(run):
    solution = run.solution(recipeArn=POPULARITY)
    check_eq(run.pz.describe_solution(solutionArn=solution)["solution"].get("performAutoTraining"), True,
             "performAutoTraining when not given")
    refused(lambda: run.pz.create_solution(name=run.name("rate"), datasetGroupArn=run.group, recipeArn=POPULARITY,
                                           solutionConfig={"autoTrainingConfig": {"schedulingExpression": "rate(0 days)"}}),
            "solutionConfig.autoTrainingConfig.schedulingExpression must be a rate of 1 to 30 days, got rate(0 days)", "rate(0 days)")
    off = run.solution(recipeArn=POPULARITY, performAutoTraining=False)
    update = {"autoTrainingConfig": {"schedulingExpression": "rate(3 days)"},
              "eventsConfig": {"eventParametersList": [{"eventType": "purchase", "eventValueThreshold": 5.0, "weight": 1.0}]}}
    answer = run.pz.update_solution(solutionArn=off, performAutoTraining=True, solutionUpdateConfig=update)
    check_eq(answer["solutionArn"], off, "update_solution's answer")
    described = run.pz.describe_solution(solutionArn=off)["solution"]
    latest = described["latestSolutionUpdate"]
    check_eq(latest["status"], "ACTIVE", "latestSolutionUpdate.status")
    check_eq(latest["performAutoTraining"], True, "latestSolutionUpdate.performAutoTraining")
    check_eq(latest["solutionUpdateConfig"], update, "latestSolutionUpdate.solutionUpdateConfig")
    check_eq(described["performAutoTraining"], True, "performAutoTraining after the update")
    check_eq(described["solutionConfig"]["autoTrainingConfig"], update["autoTrainingConfig"], "solutionConfig.autoTrainingConfig")
    refused(lambda: run.pz.update_solution(solutionArn=off, solutionUpdateConfig={"autoTrainingConfig": {"schedulingExpression": "rate(45 days)"}}),
            "solutionUpdateConfig.autoTrainingConfig.schedulingExpression must be a rate of 1 to 30 days, got rate(45 days)", "rate(45 days)")
    refused(lambda: run.pz.update_solution(solutionArn=off, performIncrementalUpdate=True), "performIncrementalUpdate", "incremental")
    return "performAutoTraining and UpdateSolution: default on, latestSolutionUpdate ACTIVE, bad rates refused"


def main():
    if len(sys.argv) != 2 or not sys.argv[1].startswith("http"):
        print("usage: boto3_solution_config.py http://127.0.0.1:PORT", file=sys.stderr)
        return 2
    run = Run(sys.argv[1])
    failed = 0
    try:
        run.setup()
    except Exception:  # noqa: BLE001 - report and stop
        print("FAIL setup: " + traceback.format_exc().replace("\n", " | "))
        return 1
    for step in (events_config, columns_and_objective, auto_training):
        try:
            print("ok   " + step(run))
        except Exception:  # noqa: BLE001 - one failed group must not hide the others
            failed += 1
            print(f"FAIL {step.__name__}: " + traceback.format_exc().replace("\n", " | "))
    if failed == 0:
        print("boto3 solution config: all checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
