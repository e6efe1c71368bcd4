#!/usr/bin/env python3
"""Runs batch inference jobs through the real boto3 clients, from local files and from S3, for
every recipe type, and checks each output line against the real-time answer.

Usage: python3 boto3_batch.py http://127.0.0.1:PORT http://127.0.0.1:S3_PORT

The second URL is an S3-compatible endpoint (moto's server) that the Tastemaker server also uses.
Imports the genre shop of workflow_data.py with its Items dataset, trains aws-hrnn,
aws-personalized-ranking, aws-sims and aws-popularity-count with small settings, deploys a campaign
of each, and for each recipe runs one batch job whose input is a local file and one whose input and
output are in S3. Every output line must echo its input, and its recommendedItems (and scores, for
the recipes that score) must equal the campaign's real-time answer for the same input; a bad line
gets "output": null and an error. Prints "ok ..." or "FAIL ..." per check group and exits 0 when
every group passed.
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workflow_data as shop  # noqa: E402 - the shared fixture lives beside this script

REGION = "us-east-1"
WAIT = 120.0
KNOBS = {"hidden_dimension": "32", "epochs": "8", "batch_size": "32", "bptt": "8", "threads": "2"}
ROLE = "arn:aws:iam::000000000000:role/batch"
SCHEMAS = {
    "Interactions": [{"name": "USER_ID", "type": "string"}, {"name": "ITEM_ID", "type": "string"},
                     {"name": "EVENT_TYPE", "type": "string"}, {"name": "EVENT_VALUE", "type": ["float", "null"]},
                     {"name": "TIMESTAMP", "type": "long"}],
    "Items": [{"name": "ITEM_ID", "type": "string"}, {"name": "GENRES", "type": ["null", "string"], "categorical": True},
              {"name": "CREATION_TIMESTAMP", "type": "long"}],
}
LINES = {
    "aws-hrnn": [{"userId": "user-001"}, {"userId": "user-077"}, {"userId": "nobody-knows-me"}],
    "aws-popularity-count": [{"userId": "user-001"}, {"userId": "someone"}],
    "aws-sims": [{"itemId": "movie-003"}, {"itemId": "no-such-movie"}],
    "aws-personalized-ranking": [{"userId": "user-002", "itemList": ["movie-001", "ghost", "movie-050", "movie-002"]}],
}


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


class Run:
    def __init__(self, url, s3_url):
        config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})
        common = dict(endpoint_url=url, region_name=REGION, aws_access_key_id="AKIDTEST",
                      aws_secret_access_key="secret", config=config)
        self.pz = boto3.client("personalize", **common)
        self.rt = boto3.client("personalize-runtime", **common)
        self.s3 = boto3.client("s3", endpoint_url=s3_url, region_name=REGION, aws_access_key_id="moto-access-key",
                               aws_secret_access_key="moto-secret-key")
        self.prefix = f"b-{secrets.token_hex(4)}-"
        self.bucket = f"batch-{secrets.token_hex(4)}"
        self.versions = {}
        self.campaigns = {}

    def wait(self, describe, key, want="ACTIVE", **kwargs):
        deadline = time.monotonic() + WAIT
        while True:
            obj = describe(**kwargs)[key]
            if obj.get("status") in ("ACTIVE", "CREATE FAILED"):
                check(obj["status"] == want, f"{key} is {obj['status']}: {obj.get('failureReason')}")
                return obj
            check(time.monotonic() < deadline, f"{key} still {obj.get('status')}")
            time.sleep(0.2)

    def setup(self, workdir):
        pz = self.pz
        self.group = pz.create_dataset_group(name=self.prefix + "g")["datasetGroupArn"]
        self.wait(pz.describe_dataset_group, "datasetGroup", datasetGroupArn=self.group)
        shop.write_genre_shop(workdir)
        for kind, file in (("Interactions", "interactions.csv"), ("Items", "items.csv")):
            schema = pz.create_schema(name=self.prefix + kind, schema=json.dumps(
                {"type": "record", "name": kind, "namespace": "com.amazonaws.personalize.schema",
                 "fields": SCHEMAS[kind], "version": "1.0"}))["schemaArn"]
            dataset = pz.create_dataset(name=self.prefix + kind, datasetGroupArn=self.group, datasetType=kind,
                                        schemaArn=schema)["datasetArn"]
            self.wait(pz.describe_dataset, "dataset", datasetArn=dataset)
            job = pz.create_dataset_import_job(jobName=self.prefix + kind, datasetArn=dataset, dataSource={
                "dataLocation": "file://" + os.path.join(workdir, file)})["datasetImportJobArn"]
            self.wait(pz.describe_dataset_import_job, "datasetImportJob", datasetImportJobArn=job)
        for recipe in LINES:
            config = {"algorithmHyperParameters": KNOBS} if recipe in ("aws-hrnn", "aws-personalized-ranking") else {}
            solution = pz.create_solution(name=self.prefix + recipe, datasetGroupArn=self.group,
                                          recipeArn="arn:aws:personalize:::recipe/" + recipe,
                                          solutionConfig=config)["solutionArn"]
            self.wait(pz.describe_solution, "solution", solutionArn=solution)
            version = pz.create_solution_version(solutionArn=solution)["solutionVersionArn"]
            self.wait(pz.describe_solution_version, "solutionVersion", solutionVersionArn=version)
            self.versions[recipe] = version
            campaign = pz.create_campaign(name=self.prefix + recipe, solutionVersionArn=version)["campaignArn"]
            self.wait(pz.describe_campaign, "campaign", campaignArn=campaign)
            self.campaigns[recipe] = campaign
        self.s3.create_bucket(Bucket=self.bucket)

    def batch(self, recipe, source, destination, num_results=5):
        arn = self.pz.create_batch_inference_job(
            jobName=self.prefix + secrets.token_hex(3), solutionVersionArn=self.versions[recipe], numResults=num_results,
            roleArn=ROLE, jobInput={"s3DataSource": {"path": source}},
            jobOutput={"s3DataDestination": {"path": destination}})["batchInferenceJobArn"]
        return self.wait(self.pz.describe_batch_inference_job, "batchInferenceJob", batchInferenceJobArn=arn)

    def live(self, recipe, line, num_results=5):
        if recipe == "aws-personalized-ranking":
            items = self.rt.get_personalized_ranking(campaignArn=self.campaigns[recipe], userId=line["userId"],
                                                     inputList=line["itemList"])["personalizedRanking"]
        elif recipe == "aws-sims":
            items = self.rt.get_recommendations(campaignArn=self.campaigns[recipe], itemId=line["itemId"],
                                                numResults=num_results)["itemList"]
        else:
            items = self.rt.get_recommendations(campaignArn=self.campaigns[recipe], userId=line["userId"],
                                                numResults=num_results)["itemList"]
        return [i["itemId"] for i in items], [i["score"] for i in items if "score" in i]


def check_lines(run, recipe, text):
    out = [json.loads(l) for l in text.splitlines() if l.strip()]
    lines = LINES[recipe] + ["not json"]
    check(len(out) == len(lines), f"{recipe}: {len(out)} output lines for {len(lines)} input lines")
    for given, line in zip(lines[:-1], out):
        check(line["input"] == given, f"{recipe}: input echoed as {line['input']!r}, given {given!r}")
        check(line["error"] is None, f"{recipe}: error {line['error']!r}")
        ids, scores = run.live(recipe, given)
        check(line["output"]["recommendedItems"] == ids,
              f"{recipe} {given}: batch {line['output']['recommendedItems']} != real time {ids}")
        if recipe in ("aws-hrnn", "aws-personalized-ranking"):
            check(line["output"]["scores"] == scores, f"{recipe} {given}: scores differ from real time")
        else:
            check("scores" not in line["output"], f"{recipe}: scores from a recipe that does not score")
    check(out[-1]["output"] is None and "JSON" in out[-1]["error"], f"{recipe}: the bad line got {out[-1]!r}")


def input_text(recipe):
    return "\n".join(json.dumps(l) for l in LINES[recipe]) + "\nnot json\n"


def local_jobs(run, workdir):
    for recipe in LINES:
        path = os.path.join(workdir, f"{recipe}.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(input_text(recipe))
        out = os.path.join(workdir, f"out-{recipe}")
        run.batch(recipe, "file://" + path, "file://" + out)
        with open(os.path.join(out, f"{recipe}.json.out"), encoding="utf-8") as f:
            check_lines(run, recipe, f.read())


def s3_jobs(run, workdir):
    for recipe in LINES:
        run.s3.put_object(Bucket=run.bucket, Key=f"in/{recipe}/lines.json", Body=input_text(recipe).encode())
        run.batch(recipe, f"s3://{run.bucket}/in/{recipe}/", f"s3://{run.bucket}/out/{recipe}/")
        body = run.s3.get_object(Bucket=run.bucket, Key=f"out/{recipe}/lines.json.out")["Body"].read().decode()
        check_lines(run, recipe, body)


def failing_job(run, workdir):
    job = run.pz.create_batch_inference_job(
        jobName=run.prefix + "missing", solutionVersionArn=run.versions["aws-hrnn"], roleArn=ROLE,
        jobInput={"s3DataSource": {"path": f"s3://{run.bucket}/nothing/here.json"}},
        jobOutput={"s3DataDestination": {"path": f"s3://{run.bucket}/out/"}})["batchInferenceJobArn"]
    failed = run.wait(run.pz.describe_batch_inference_job, "batchInferenceJob", want="CREATE FAILED", batchInferenceJobArn=job)
    check("nothing/here.json" in failed.get("failureReason", ""), f"failureReason {failed.get('failureReason')!r}")


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    run = Run(sys.argv[1], sys.argv[2])
    failed = 0
    with tempfile.TemporaryDirectory() as workdir:
        run.setup(workdir)
        checks = [local_jobs, s3_jobs, failing_job]
        for c in checks:
            try:
                c(run, workdir)
                print(f"ok   {c.__name__}")
            except Exception:  # noqa: BLE001 - report every group
                failed += 1
                print(f"FAIL {c.__name__}\n{traceback.format_exc()}")
    if failed == 0:
        print(f"boto3 batch: all {len(checks)} check groups passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
