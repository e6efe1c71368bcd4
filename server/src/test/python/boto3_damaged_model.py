#!/usr/bin/env python3
"""Checks, through the real boto3 clients, what a campaign whose model file is damaged answers.

Usage: python3 boto3_damaged_model.py http://127.0.0.1:PORT CAMPAIGN_ARN FILE PROBLEM

FILE is the model file as the data directory names it (objects/models/...), PROBLEM the words that
say what is wrong with it ("is missing", "is empty (0 bytes)", ...). Checks that describe_campaign
shows the campaign ACTIVE with a failureReason naming the file, the problem and the cure, and that
get_recommendations raises the modelled ResourceNotFoundException (HTTP 404, so the standard retry
mode does not retry it) with the same words, not an InternalFailure. Prints one line per check group
("ok   ..." or "FAIL ...") and exits 0 when every group passed.
"""

import sys
import traceback

import boto3
import botocore.config

REGION = "us-east-1"


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def main(url, campaign, file, problem):
    config = botocore.config.Config(retries={"mode": "standard"})
    common = dict(endpoint_url=url, region_name=REGION, aws_access_key_id="AKIDTEST", aws_secret_access_key="secret", config=config)
    personalize = boto3.client("personalize", **common)
    runtime = boto3.client("personalize-runtime", **common)
    failures = 0

    def group(name, body):
        nonlocal failures
        try:
            body()
            print("ok   " + name)
        except Exception:  # noqa: BLE001 - every failure is reported, then the next group runs
            failures += 1
            print("FAIL " + name)
            traceback.print_exc(file=sys.stdout)

    def describe():
        described = personalize.describe_campaign(campaignArn=campaign)["campaign"]
        check(described["status"] == "ACTIVE", "status %s" % described["status"])
        reason = described.get("failureReason", "")
        for words in (file, problem, "UpdateCampaign", "CreateSolutionVersion"):
            check(words in reason, "failureReason lacks %r: %r" % (words, reason))

    def recommend():
        try:
            runtime.get_recommendations(campaignArn=campaign, userId="user-001")
        except runtime.exceptions.ResourceNotFoundException as e:
            check(e.response["ResponseMetadata"]["HTTPStatusCode"] == 404, "status %s" % e.response["ResponseMetadata"]["HTTPStatusCode"])
            check(e.response["ResponseMetadata"].get("RetryAttempts", 0) == 0, "retried %s times" % e.response["ResponseMetadata"]["RetryAttempts"])
            message = e.response["Error"]["Message"]
            for words in (campaign, file, problem, "UpdateCampaign"):
                check(words in message, "message lacks %r: %r" % (words, message))
            return
        raise CheckFailed("get_recommendations answered a campaign whose model is damaged")

    group("describe_campaign: ACTIVE, failureReason names the file, the problem and the cure", describe)
    group("get_recommendations: ResourceNotFoundException 404 naming the file, not retried", recommend)
    if failures == 0:
        print("boto3 damaged model: all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
