#!/usr/bin/env python3
"""Batch segment jobs through the real boto3 client.

Usage: python3 boto3_segments.py http://127.0.0.1:PORT

Imports the genre shop of workflow_data.py (Interactions, Items, Users), trains aws-item-affinity
and aws-item-attribute-affinity, and checks: both recipes are USER_SEGMENTATION in describe_recipe;
an itemId line's recommendedUsers are the fans of the movie's genre; an itemAttributes line's are
the genre's fans, echoed at the top as the guide shows; a UserID filter with filterValues keeps only
its users; a bad line gets "output": null and an error; the job is listed under its version and a
numResults of 0 is refused naming the member. Prints "ok ..." or "FAIL ..." per check group and
exits 0 when every group passed.
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
ROLE = "arn:aws:iam::000000000000:role/segments"
SCHEMAS = {
    "Interactions": [{"name": "USER_ID", "type": "string"}, {"name": "ITEM_ID", "type": "string"},
                     {"name": "EVENT_TYPE", "type": "string"}, {"name": "EVENT_VALUE", "type": ["float", "null"]},
                     {"name": "TIMESTAMP", "type": "long"}],
    "Items": [{"name": "ITEM_ID", "type": "string"}, {"name": "GENRES", "type": ["null", "string"], "categorical": True},
              {"name": "CREATION_TIMESTAMP", "type": "long"}],
    "Users": [{"name": "USER_ID", "type": "string"}, {"name": "AGE", "type": "int"},
              {"name": "GENDER", "type": "string", "categorical": True}],
}


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


class Run:
    def __init__(self, url):
        config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})
        self.pz = boto3.client("personalize", endpoint_url=url, region_name=REGION, aws_access_key_id="AKIDTEST",
                               aws_secret_access_key="secret", config=config)
        self.prefix = f"s-{secrets.token_hex(4)}-"
        self.versions = {}

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
        paths = shop.write_genre_shop(workdir)
        for kind in ("Interactions", "Items", "Users"):
            schema = pz.create_schema(name=self.prefix + kind, schema=json.dumps(
                {"type": "record", "name": kind, "namespace": "com.amazonaws.personalize.schema",
                 "fields": SCHEMAS[kind], "version": "1.0"}))["schemaArn"]
            dataset = pz.create_dataset(name=self.prefix + kind, datasetGroupArn=self.group, datasetType=kind,
                                        schemaArn=schema)["datasetArn"]
            self.wait(pz.describe_dataset, "dataset", datasetArn=dataset)
            job = pz.create_dataset_import_job(jobName=self.prefix + kind, datasetArn=dataset,
                                               dataSource={"dataLocation": "file://" + paths[kind]})["datasetImportJobArn"]
            self.wait(pz.describe_dataset_import_job, "datasetImportJob", datasetImportJobArn=job)
        for recipe in ("aws-item-affinity", "aws-item-attribute-affinity"):
            solution = pz.create_solution(name=self.prefix + recipe, datasetGroupArn=self.group,
                                          recipeArn="arn:aws:personalize:::recipe/" + recipe)["solutionArn"]
            self.wait(pz.describe_solution, "solution", solutionArn=solution)
            version = pz.create_solution_version(solutionArn=solution)["solutionVersionArn"]
            self.wait(pz.describe_solution_version, "solutionVersion", solutionVersionArn=version)
            self.versions[recipe] = version

    def segments(self, workdir, recipe, lines, num_results, filter_arn=None):
        """Runs a job over the lines and returns its description and output lines."""
        name = self.prefix + secrets.token_hex(3)
        path = os.path.join(workdir, name + ".json")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(l if isinstance(l, str) else json.dumps(l) for l in lines) + "\n")
        extra = {"filterArn": filter_arn} if filter_arn else {}
        arn = self.pz.create_batch_segment_job(
            jobName=name, solutionVersionArn=self.versions[recipe], numResults=num_results, roleArn=ROLE,
            jobInput={"s3DataSource": {"path": "file://" + path}},
            jobOutput={"s3DataDestination": {"path": "file://" + os.path.join(workdir, name + "-out")}}, **extra)["batchSegmentJobArn"]
        job = self.wait(self.pz.describe_batch_segment_job, "batchSegmentJob", batchSegmentJobArn=arn)
        with open(os.path.join(workdir, name + "-out", name + ".json.out"), encoding="utf-8") as f:
            return job, [json.loads(l) for l in f if l.strip()]


def fans(genre, users):
    return sum(1 for u in users if shop.genre_of_user(u) == genre)


def recipes_are_user_segmentation(run, workdir):
    for recipe in run.versions:
        described = run.pz.describe_recipe(recipeArn="arn:aws:personalize:::recipe/" + recipe)["recipe"]
        check(described["recipeType"] == "USER_SEGMENTATION", f"{recipe}: {described['recipeType']}")


def item_segments_are_the_genres_fans(run, workdir):
    movies = ["movie-004", "movie-044", "movie-108"]
    job, out = run.segments(workdir, "aws-item-affinity", [{"itemId": m} for m in movies], 15)
    check(job["numResults"] == 15, f"numResults {job.get('numResults')}")
    for movie, line in zip(movies, out):
        check(line["input"] == {"itemId": movie}, f"input echoed as {line['input']!r}")
        users = line["output"]["recommendedUsers"]
        # Each is a fan of the movie's genre or watched the movie itself (a tenth of the views are random).
        watched = {u for u, item, _ in shop.genre_shop()[0] if item == movie}
        strangers = [u for u in users if shop.genre_of_user(u) != shop.genre_of(movie) and u not in watched]
        check(len(users) == 15 and not strangers and fans(shop.genre_of(movie), users) >= 10, f"{movie}: {users}, strangers {strangers}")


def attribute_segments_are_the_genres_fans(run, workdir):
    query = 'ITEMS.GENRES = "Drama"'
    _, out = run.segments(workdir, "aws-item-attribute-affinity", [{"itemAttributes": query}, "not json"], 30)
    check(out[0]["itemAttributes"] == query, f"echoed {out[0]!r}")
    users = out[0]["output"]["recommendedUsers"]
    check(fans("Drama", users) == 30, f"Drama segment {users}")
    check(out[1]["output"] is None and "JSON" in out[1]["error"], f"bad line {out[1]!r}")


def user_filter_keeps_its_users(run, workdir):
    arn = run.pz.create_filter(name=run.prefix + "men", datasetGroupArn=run.group,
                               filterExpression="EXCLUDE UserID WHERE Users.GENDER IN ($GENDER)")["filterArn"]
    run.wait(run.pz.describe_filter, "filter", filterArn=arn)
    _, out = run.segments(workdir, "aws-item-affinity",
                          [{"itemId": "movie-010", "filterValues": {"GENDER": '"F"'}}, {"itemId": "movie-010"}], 12, arn)
    men = out[0]["output"]["recommendedUsers"]
    check(len(men) == 12 and all(int(u.split("-")[1]) % 2 == 1 for u in men), f"filtered segment {men}")
    # movie-010 is an Action movie, whose fans (user-0, user-6, ...) are women; without its value the
    # EXCLUDE expression does not apply and they come back.
    everyone = out[1]["output"]["recommendedUsers"]
    check(any(int(u.split("-")[1]) % 2 == 0 for u in everyone), f"unfiltered segment {everyone}")


def listed_and_checked(run, workdir):
    listed = run.pz.list_batch_segment_jobs(solutionVersionArn=run.versions["aws-item-affinity"])["batchSegmentJobs"]
    check(len(listed) >= 2 and all(j["status"] == "ACTIVE" for j in listed), f"listed {listed}")
    try:
        run.pz.create_batch_segment_job(
            jobName=run.prefix + "zero", solutionVersionArn=run.versions["aws-item-affinity"], numResults=0, roleArn=ROLE,
            jobInput={"s3DataSource": {"path": "file://" + os.path.join(workdir, "x.json")}},
            jobOutput={"s3DataDestination": {"path": "file://" + os.path.join(workdir, "x-out")}})
        check(False, "numResults 0 was accepted")
    except run.pz.exceptions.InvalidInputException as e:
        check("numResults" in str(e), f"message {e}")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    run = Run(sys.argv[1])
    failed = 0
    with tempfile.TemporaryDirectory() as workdir:
        run.setup(workdir)
        checks = [recipes_are_user_segmentation, item_segments_are_the_genres_fans, attribute_segments_are_the_genres_fans,
                  user_filter_keeps_its_users, listed_and_checked]
        for c in checks:
            try:
                c(run, workdir)
                print(f"ok   {c.__name__}")
            except Exception:  # noqa: BLE001 - report every group
                failed += 1
                print(f"FAIL {c.__name__}\n{traceback.format_exc()}")
    if failed == 0:
        print(f"boto3 segments: all {len(checks)} check groups passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
