#!/usr/bin/env python3
"""Runs Personalize code and data as published tutorials write them, through the real boto3 clients,
and checks that Tastemaker takes them as Amazon Personalize does (issue 14's leniency audit).

Usage: python3 boto3_leniency.py http://127.0.0.1:PORT

Checks, one line each ("ok   ..." or "FAIL ..."):
- back to back, with no wait: CreateDataset in a CREATE PENDING group, CreateDatasetImportJob on a
  CREATE PENDING dataset, CreateFilter and CreateEventTracker in a new group, and 12 x
  CreateSolutionVersion right after CreateSolution; everything ends ACTIVE;
- schemas with a one-type union ["string"], nested {"type": ...} forms and "null" first or last;
- an Items CSV with empty and unreadable values in an int field (2006-2007): ACTIVE, the values
  read as null and counted with their lines in importReport;
- a pandas CSV with its unnamed index column, a byte order mark, CRLF, quoted fields, trailing
  commas, lower-case headers and millisecond timestamps: ACTIVE, the index column ignored;
- a filter on Interactions.event_type and items.genres (lower case);
- put_events with the item only inside properties ({"itemId": ...}), the itemId member winning
  when both are given; put_items with numbers written as strings;
- an unknown key in featureTransformationParameters is refused naming that member.

Exits 0 when every check passed.
"""

import csv
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

REGION = "us-east-1"
WAIT = 120.0
BASE = 1_700_000_000
ROLE = "arn:aws:iam::000000000000:role/PersonalizeRole"
RECIPE = "arn:aws:personalize:::recipe/aws-popularity-count"


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def schema(name, fields):
    return json.dumps({"type": "record", "name": name, "namespace": "com.amazonaws.personalize.schema",
                       "fields": fields, "version": "1.0"})


INTERACTIONS = schema("Interactions", [
    {"name": "USER_ID", "type": "string"}, {"name": "ITEM_ID", "type": "string"},
    {"name": "EVENT_TYPE", "type": "string"}, {"name": "TIMESTAMP", "type": "long"}])
ITEMS = schema("Items", [
    {"name": "ITEM_ID", "type": "string"}, {"name": "YEAR", "type": "int"},
    {"name": "GENRES", "type": ["string"], "categorical": True}])


class Run:
    def __init__(self, url):
        config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})
        common = dict(endpoint_url=url, region_name=REGION, aws_access_key_id="AKIDTEST",
                      aws_secret_access_key="secret", config=config)
        self.pz = boto3.client("personalize", **common)
        self.rt = boto3.client("personalize-runtime", **common)
        self.ev = boto3.client("personalize-events", **common)
        self.prefix = f"len-{secrets.token_hex(3)}-"
        # botocore keeps only the members of its model; the importReport member is read from the raw body.
        self.last_body = {}
        self.pz.meta.events.register("after-call.personalize.DescribeDatasetImportJob", self._keep_body)
        self.tmp = tempfile.mkdtemp(prefix="leniency-")
        self.failures = 0

    def _keep_body(self, http_response, **_):
        self.last_body = json.loads(http_response.content or b"{}")

    def import_report(self, job):
        """The importReport member of a finished import job, as the server sends it."""
        self.wait(self.pz.describe_dataset_import_job, "datasetImportJob", datasetImportJobArn=job)
        self.pz.describe_dataset_import_job(datasetImportJobArn=job)
        report = self.last_body.get("datasetImportJob", {}).get("importReport")
        check(report is not None, f"the import job's description has no importReport: {self.last_body}")
        return report

    def name(self, suffix):
        return self.prefix + suffix

    def wait(self, describe, key, want="ACTIVE", **kwargs):
        deadline = time.monotonic() + WAIT
        while True:
            obj = describe(**kwargs)[key]
            if obj.get("status") in ("ACTIVE", "CREATE FAILED"):
                check(obj["status"] == want, f"{key} ended {obj['status']}: {obj.get('failureReason')}")
                return obj
            check(time.monotonic() < deadline, f"{key} still {obj.get('status')} after {WAIT} s")
            time.sleep(0.1)

    def file(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        return "file://" + path

    def step(self, title, fn):
        try:
            detail = fn()
            print(f"ok   {title}{': ' + detail if detail else ''}", flush=True)
        except Exception as e:  # noqa: BLE001 - every failure is reported, then the run goes on
            self.failures += 1
            print(f"FAIL {title}: {e}", flush=True)
            traceback.print_exc()


def interactions_csv(users=40, per_user=30):
    rows = ["USER_ID,ITEM_ID,EVENT_TYPE,TIMESTAMP"]
    for u in range(users):
        for k in range(per_user):
            item = (u * 7 + k * k) % 50
            rows.append(f"u{u:03d},i{item:02d},{'click' if k % 3 else 'view'},{BASE + u * 1000 + k}")
    return "\n".join(rows) + "\n"


def back_to_back(run):
    """Every create right after its parent's create, with no wait, as published notebooks do."""
    pz = run.pz
    schema_arn = pz.create_schema(name=run.name("inter"), schema=INTERACTIONS)["schemaArn"]
    data = run.file("interactions.csv", interactions_csv())
    groups, versions = [], []
    for g in range(2):
        group = pz.create_dataset_group(name=run.name(f"g{g}"))["datasetGroupArn"]
        dataset = pz.create_dataset(name=run.name(f"d{g}"), datasetType="Interactions",
                                    datasetGroupArn=group, schemaArn=schema_arn)["datasetArn"]
        job = pz.create_dataset_import_job(jobName=run.name(f"imp{g}"), datasetArn=dataset,
                                           dataSource={"dataLocation": data}, roleArn=ROLE)["datasetImportJobArn"]
        tracker = pz.create_event_tracker(name=run.name(f"t{g}"), datasetGroupArn=group)["eventTrackerArn"]
        flt = pz.create_filter(name=run.name(f"f{g}"), datasetGroupArn=group,
                               filterExpression='EXCLUDE ItemID WHERE Interactions.event_type IN ("click")')["filterArn"]
        run.wait(pz.describe_dataset_import_job, "datasetImportJob", datasetImportJobArn=job)
        for describe, key, arg, arn in ((pz.describe_dataset_group, "datasetGroup", "datasetGroupArn", group),
                                        (pz.describe_dataset, "dataset", "datasetArn", dataset),
                                        (pz.describe_event_tracker, "eventTracker", "eventTrackerArn", tracker),
                                        (pz.describe_filter, "filter", "filterArn", flt)):
            run.wait(describe, key, **{arg: arn})
        groups.append((group, dataset, tracker, flt))
    for n in range(12):
        group = groups[n % 2][0]
        solution = pz.create_solution(name=run.name(f"s{n}"), datasetGroupArn=group, recipeArn=RECIPE)["solutionArn"]
        versions.append(pz.create_solution_version(solutionArn=solution)["solutionVersionArn"])
    for v in versions:
        run.wait(pz.describe_solution_version, "solutionVersion", solutionVersionArn=v)
    run.groups = groups
    run.version = versions[0]
    return f"2 groups with datasets, imports, trackers and filters, then 12 solutions and versions, all ACTIVE"


def schemas(run):
    pz = run.pz
    forms = {
        "one-type union": [{"name": "USER_ID", "type": "string"}, {"name": "TIER", "type": ["string"], "categorical": True}],
        "nested object form": [{"name": "USER_ID", "type": {"type": "string"}}, {"name": "AGE", "type": {"type": {"type": "int"}}}],
        "null first": [{"name": "USER_ID", "type": "string"}, {"name": "AGE", "type": ["null", "int"]}],
        "null last, object branch": [{"name": "USER_ID", "type": "string"}, {"name": "AGE", "type": [{"type": "int"}, "null"]}],
        "plain string metadata": [{"name": "USER_ID", "type": "string"}, {"name": "NAME", "type": "string"}],
    }
    for i, (label, fields) in enumerate(forms.items()):
        arn = pz.create_schema(name=run.name(f"users{i}"), schema=schema("Users", fields))["schemaArn"]
        group = run.groups[0][0] if i == 0 else None
        if group:
            run.users_dataset = pz.create_dataset(name=run.name("users"), datasetType="USERS", datasetGroupArn=group,
                                                  schemaArn=arn)["datasetArn"]
            run.wait(pz.describe_dataset, "dataset", datasetArn=run.users_dataset)
    return ", ".join(forms)


def items_with_bad_years(run):
    pz = run.pz
    group, _, _, _ = run.groups[0]
    arn = pz.create_schema(name=run.name("items"), schema=ITEMS)["schemaArn"]
    dataset = pz.create_dataset(name=run.name("items"), datasetType="Items", datasetGroupArn=group, schemaArn=arn)["datasetArn"]
    lines = ["ITEM_ID,YEAR,GENRES"]
    for i in range(50):
        year = "" if i in (3, 17, 31) else ("2006\u20132007" if i == 40 else str(1990 + i % 30))
        lines.append(f"i{i:02d},{year},{'Drama|Comedy' if i % 2 else 'Action'}")
    location = run.file("items.csv", "\n".join(lines) + "\n")
    path = location[len("file://"):]
    job = pz.create_dataset_import_job(jobName=run.name("items"), datasetArn=dataset, roleArn=ROLE,
                                       dataSource={"dataLocation": location})["datasetImportJobArn"]
    report = run.import_report(job)
    check(report["rowsImported"] == 50 and report["rowsDropped"] == 0 and report["valuesNulled"] == 4,
          f"importReport counts: {report}")
    issues = {(i["reason"], tuple(i["firstLines"])) for i in report["issues"]}
    want_empty = ("YEAR is empty, and the schema does not allow null there", (f"{path} line 5", f"{path} line 19", f"{path} line 33"))
    want_bad = ("YEAR: expected a whole number (int)", (f"{path} line 42",))
    check(want_empty in issues and want_bad in issues, f"importReport issues: {report['issues']}")
    run.items_dataset = dataset
    return f"ACTIVE, importReport {report['valuesNulled']} values read as null: " + "; ".join(i["reason"] for i in report["issues"])


def pandas_and_other_csv_forms(run):
    pz = run.pz
    _, dataset, _, _ = run.groups[1]
    path = os.path.join(run.tmp, "pandas.csv")
    with open(path, "w", encoding="utf-8-sig", newline="") as f:  # utf-8-sig writes a byte order mark
        writer = csv.writer(f, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow(["", "user_id", "Item_Id", "EVENT_TYPE", "timestamp", "Unnamed: 5"])
        for k in range(1200):
            stamp = (BASE + k) * 1000 if k % 10 == 0 else BASE + k  # some in milliseconds
            writer.writerow([k, f"p{k % 40:02d}", f"i{k % 37:02d}", "view, then click" if k % 5 == 0 else "view", stamp, ""])
    job = pz.create_dataset_import_job(jobName=run.name("pandas"), datasetArn=dataset, roleArn=ROLE, importMode="FULL",
                                       dataSource={"dataLocation": "file://" + path})["datasetImportJobArn"]
    report = run.import_report(job)
    check(report["rowsImported"] == 1200 and report["rowsDropped"] == 0, f"importReport: {report}")
    check(report["ignoredColumns"] == [f"{path}: ''", f"{path}: 'Unnamed: 5'"], f"ignoredColumns: {report['ignoredColumns']}")
    check(report["valuesConverted"] == 120, f"millisecond timestamps converted: {report}")
    return "ACTIVE with the index and an empty column ignored, 120 millisecond timestamps read as seconds"


def events_with_item_in_properties(run):
    pz, ev, rt = run.pz, run.ev, run.rt
    group, _, tracker, flt = run.groups[0]
    tracking = pz.describe_event_tracker(eventTrackerArn=tracker)["eventTracker"]["trackingId"]
    campaign = pz.create_campaign(name=run.name("camp"), solutionVersionArn=run.version)["campaignArn"]
    run.wait(pz.describe_campaign, "campaign", campaignArn=campaign)

    def top(user):
        return [i["itemId"] for i in rt.get_recommendations(campaignArn=campaign, userId=user, filterArn=flt, numResults=5)["itemList"]]

    before = top("newcomer")
    check(len(before) >= 3, f"recommendations before the events: {before}")
    ev.put_events(trackingId=tracking, userId="newcomer", sessionId="s1", eventList=[
        {"eventType": "click", "sentAt": BASE + 10**6, "properties": json.dumps({"itemId": before[0]})},
        {"eventType": "click", "sentAt": BASE + 10**6 + 1, "properties": json.dumps({"ItemId": before[1]})},
        {"eventType": "click", "sentAt": BASE + 10**6 + 2, "itemId": before[2], "properties": json.dumps({"itemId": "i-not-this"})},
    ])
    after = top("newcomer")
    check(not set(before[:3]) & set(after), f"the clicked items should be filtered out now: before {before}, after {after}")
    try:
        ev.put_events(trackingId=tracking, userId="newcomer", sessionId="s1",
                      eventList=[{"eventType": "click", "sentAt": BASE, "properties": json.dumps({"colour": "red"})}])
        raise CheckFailed("an event without any item was accepted")
    except botocore.exceptions.ClientError as e:
        check(e.response["Error"]["Code"] == "InvalidInputException", f"error {e.response['Error']}")
    ev.put_items(datasetArn=run.items_dataset, items=[{"itemId": "i99", "properties": json.dumps({"year": "1999", "GENRES": "Drama"})}])
    return f"the items inside properties were recorded (filtered out: {before[:3]}); put_items took \"1999\" for an int"


def hyperparameter_members(run):
    try:
        run.pz.create_solution(name=run.name("trend"), datasetGroupArn=run.groups[0][0],
                               recipeArn="arn:aws:personalize:::recipe/aws-hrnn",
                               solutionConfig={"featureTransformationParameters": {"trend_discovery_frequency": "1 day"}})
        raise CheckFailed("an unknown feature transformation key was accepted")
    except botocore.exceptions.ClientError as e:
        message = e.response["Error"]["Message"]
        check(e.response["Error"]["Code"] == "InvalidInputException", f"error {e.response['Error']}")
        check("solutionConfig.featureTransformationParameters" in message and "trend_discovery_frequency" in message, message)
        return message[:120] + "..."


def main(url):
    run = Run(url)
    run.step("back-to-back creates under parents still being created", lambda: back_to_back(run))
    run.step("schema forms Personalize accepts", lambda: schemas(run))
    run.step("Items CSV with empty and unreadable int values", lambda: items_with_bad_years(run))
    run.step("pandas CSV, BOM, CRLF, quotes, trailing columns, milliseconds", lambda: pandas_and_other_csv_forms(run))
    run.step("events with the item inside properties", lambda: events_with_item_in_properties(run))
    run.step("hyperparameter keys named with their member", lambda: hyperparameter_members(run))
    if run.failures:
        print(f"boto3 leniency: {run.failures} check group(s) failed")
        return 1
    print("boto3 leniency: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
