#!/usr/bin/env python3
"""The developer guide's "Getting started with a domain dataset group" run through the real boto3
clients against Tastemaker, with only endpoint_url changed (issue 17), for both domains.

Usage: python3 boto3_domain.py http://127.0.0.1:PORT

Checks, one line each ("ok   ..." or "FAIL ..."):
- create_dataset_group(domain=VIDEO_ON_DEMAND), create_schema(domain=...) for Interactions, Items
  and Users, create_dataset, create_dataset_import_job (domain_data.py's catalogue), each ACTIVE;
- a VIDEO_ON_DEMAND Items schema without GENRES is refused naming the field;
- list_recipes(domain=VIDEO_ON_DEMAND) lists the five use cases with their domain;
- create_recommender for "Top picks for you" and "More like X", waiting with describe_recommender
  until ACTIVE; modelMetrics present; list_recommenders(datasetGroupArn=...) lists both;
- get_recommendations(recommenderArn=..., userId=...) leaves out what the user watched, and
  get_recommendations(recommenderArn=..., itemId=..., userId=...) answers videos of the genre;
- stop_recommender: INACTIVE, get_recommendations refused; start_recommender: ACTIVE again;
- update_recommender(recommenderConfig={"minRecommendationRequestsPerSecond": 2}): the update
  ends ACTIVE; delete_recommender removes it;
- ECOMMERCE: "Frequently bought together" answers item-011 for item-010.

Exits 0 when every check passed.
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
import botocore.exceptions

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import domain_data  # noqa: E402

WAIT = 300.0
RECIPE = "arn:aws:personalize:::recipe/"


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def wait(describe, key, wanted=("ACTIVE",), timeout=WAIT):
    deadline = time.time() + timeout
    while True:
        resource = describe()[key]
        status = resource.get("status")
        if status in wanted:
            return resource
        check(status not in ("CREATE FAILED",), f"{key} is {status}: {resource.get('failureReason')}")
        check(time.time() < deadline, f"{key} still {status} after {timeout} s")
        time.sleep(0.3)


def imported_group(pz, domain, folder, prefix):
    domain_data.write(domain, folder)
    group = pz.create_dataset_group(name=prefix + domain.lower().replace("_", "-"), domain=domain)["datasetGroupArn"]
    wait(lambda: pz.describe_dataset_group(datasetGroupArn=group), "datasetGroup")
    for dataset_type in ("Interactions", "Items", "Users"):
        with open(os.path.join(folder, dataset_type.lower() + ".avsc")) as f:
            schema = pz.create_schema(name=f"{prefix}{domain.lower()}-{dataset_type.lower()}", domain=domain,
                                      schema=f.read())["schemaArn"]
        dataset = pz.create_dataset(name=f"{prefix}{domain.lower()}-{dataset_type.lower()}", schemaArn=schema,
                                    datasetGroupArn=group, datasetType=dataset_type)["datasetArn"]
        wait(lambda: pz.describe_dataset(datasetArn=dataset), "dataset")
        job = pz.create_dataset_import_job(
            jobName=f"{prefix}{domain.lower()}-{dataset_type.lower()}", datasetArn=dataset,
            dataSource={"dataLocation": "file://" + os.path.join(folder, dataset_type.lower() + ".csv")},
            roleArn="arn:aws:iam::000000000000:role/PersonalizeRole")["datasetImportJobArn"]
        wait(lambda: pz.describe_dataset_import_job(datasetImportJobArn=job), "datasetImportJob")
    return group


def watched(folder, user):
    with open(os.path.join(folder, "interactions.csv")) as f:
        return {line.split(",")[1] for line in f.read().splitlines()[1:] if line.startswith(user + ",") and ",Watch," in line}


def main():
    url = sys.argv[1]
    config = botocore.config.Config(retries={"max_attempts": 1})
    kwargs = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="AKIDTEST",
                  aws_secret_access_key="secret", config=config)
    pz = boto3.client("personalize", **kwargs)
    rt = boto3.client("personalize-runtime", **kwargs)
    prefix = "b3dom-" + secrets.token_hex(3) + "-"
    work = tempfile.mkdtemp()
    failures = 0

    def run(name, fn):
        nonlocal failures
        try:
            fn()
            print(f"ok   {name}", flush=True)
        except Exception as e:  # noqa: BLE001 - every failure is reported the same way
            failures += 1
            print(f"FAIL {name}: {e}", flush=True)
            traceback.print_exc()

    state = {}

    def vod_group():
        state["videos"] = os.path.join(work, "videos")
        state["group"] = imported_group(pz, "VIDEO_ON_DEMAND", state["videos"], prefix)

    def refused_schema():
        items = json.loads(domain_data.SCHEMAS["VIDEO_ON_DEMAND"]["Items"])
        items["fields"] = [f for f in items["fields"] if f["name"] != "GENRES"] + [
            {"name": "CONTENT_OWNER", "type": "string", "categorical": True}]
        try:
            pz.create_schema(name=prefix + "no-genres", domain="VIDEO_ON_DEMAND", schema=json.dumps(items))
        except botocore.exceptions.ClientError as e:
            check(e.response["Error"]["Code"] == "InvalidInputException", f"got {e.response['Error']['Code']}")
            check("GENRES" in e.response["Error"]["Message"], e.response["Error"]["Message"])
            return
        raise CheckFailed("a VIDEO_ON_DEMAND Items schema without GENRES was accepted")

    def use_cases():
        listed = pz.list_recipes(domain="VIDEO_ON_DEMAND")["recipes"]
        check([r["name"] for r in listed] == domain_data_use_cases(), f"got {[r['name'] for r in listed]}")
        check(all(r["domain"] == "VIDEO_ON_DEMAND" for r in listed), "each use case names its domain")

    def recommenders():
        for key, use_case in (("top", "aws-vod-top-picks"), ("more", "aws-vod-more-like-x")):
            state[key] = pz.create_recommender(name=prefix + use_case[4:], datasetGroupArn=state["group"],
                                               recipeArn=RECIPE + use_case)["recommenderArn"]
        for key in ("top", "more"):
            described = wait(lambda: pz.describe_recommender(recommenderArn=state[key]), "recommender")
            check("coverage" in described.get("modelMetrics", {}), f"modelMetrics: {described.get('modelMetrics')}")
        listed = {r["recommenderArn"] for r in pz.list_recommenders(datasetGroupArn=state["group"])["recommenders"]}
        check(listed == {state["top"], state["more"]}, f"list_recommenders: {listed}")

    def recommendations():
        items = rt.get_recommendations(recommenderArn=state["top"], userId="user-000", numResults=10)["itemList"]
        ids = [i["itemId"] for i in items]
        check(len(ids) == 10 and not set(ids) & watched(state["videos"], "user-000"), f"top picks {ids}")
        check(all(0 <= i["score"] <= 1 for i in items), "top picks are scored")
        like = [i["itemId"] for i in rt.get_recommendations(recommenderArn=state["more"], itemId="movie-023",
                                                            userId="user-000", numResults=5)["itemList"]]
        check(len(like) == 5 and all(20 <= int(i[6:]) < 30 for i in like), f"more like movie-023: {like}")

    def stop_start():
        pz.stop_recommender(recommenderArn=state["more"])
        wait(lambda: pz.describe_recommender(recommenderArn=state["more"]), "recommender", wanted=("INACTIVE",))
        try:
            rt.get_recommendations(recommenderArn=state["more"], itemId="movie-023", userId="user-000")
            raise CheckFailed("a stopped recommender answered")
        except rt.exceptions.ResourceNotFoundException as e:
            check("INACTIVE" in str(e), str(e))
        pz.start_recommender(recommenderArn=state["more"])
        wait(lambda: pz.describe_recommender(recommenderArn=state["more"]), "recommender")
        rt.get_recommendations(recommenderArn=state["more"], itemId="movie-023", userId="user-000")

    def update_delete():
        pz.update_recommender(recommenderArn=state["top"], recommenderConfig={"minRecommendationRequestsPerSecond": 2})
        deadline = time.time() + WAIT
        while pz.describe_recommender(recommenderArn=state["top"])["recommender"]["latestRecommenderUpdate"]["status"] != "ACTIVE":
            check(time.time() < deadline, "the update is not ACTIVE")
            time.sleep(0.3)
        described = pz.describe_recommender(recommenderArn=state["top"])["recommender"]
        check(described["recommenderConfig"]["minRecommendationRequestsPerSecond"] == 2, f"{described['recommenderConfig']}")
        pz.delete_recommender(recommenderArn=state["more"])
        deadline = time.time() + WAIT
        while True:
            try:
                pz.describe_recommender(recommenderArn=state["more"])
            except pz.exceptions.ResourceNotFoundException:
                break
            check(time.time() < deadline, "the recommender is still there")
            time.sleep(0.3)

    def ecommerce():
        group = imported_group(pz, "ECOMMERCE", os.path.join(work, "shop"), prefix)
        arn = pz.create_recommender(name=prefix + "fbt", datasetGroupArn=group,
                                    recipeArn=RECIPE + "aws-ecomm-frequently-bought-together")["recommenderArn"]
        wait(lambda: pz.describe_recommender(recommenderArn=arn), "recommender")
        items = rt.get_recommendations(recommenderArn=arn, itemId="item-010", numResults=3)["itemList"]
        check(items[0]["itemId"] == "item-011", f"bought with item-010: {items}")

    run("a VIDEO_ON_DEMAND domain dataset group with its three datasets imported", vod_group)
    run("a domain schema without a required field is refused", refused_schema)
    run("list_recipes(domain=VIDEO_ON_DEMAND)", use_cases)
    run("create_recommender, describe_recommender until ACTIVE, list_recommenders", recommenders)
    run("get_recommendations with recommenderArn", recommendations)
    run("stop_recommender and start_recommender", stop_start)
    run("update_recommender and delete_recommender", update_delete)
    run("ECOMMERCE frequently bought together", ecommerce)
    if failures:
        print(f"boto3 domain: {failures} failed")
        sys.exit(1)
    print("boto3 domain: all passed")


def domain_data_use_cases():
    return ["aws-vod-because-you-watched-x", "aws-vod-more-like-x", "aws-vod-most-popular", "aws-vod-top-picks",
            "aws-vod-trending-now"]


if __name__ == "__main__":
    main()
