#!/usr/bin/env python3
"""Sends what boto3 sends when its own parameter validation is off, and checks the server refuses it.

Usage: python3 boto3_numbers.py http://127.0.0.1:PORT CAMPAIGN_ARN SOLUTION_VERSION_ARN TRACKING_ID

Python integers have no size, so boto3 with Config(parameter_validation=False) sends
minProvisionedTPS 9223372036854775807 as it is; floats go out as 1e+100, and NaN and the infinities
as the strings "NaN", "Infinity" and "-Infinity". Each must come back as the error type the
operation's model lists, naming the member and the value, and change nothing:

- CreateCampaign / UpdateCampaign with minProvisionedTPS beyond 32 bits: InvalidInputException; no
  campaign is created, the existing one keeps minProvisionedTPS 1 and gets no update;
- PutEvents with sentAt -1 and eventValue 1e100, NaN or an infinity: InvalidInputException (the
  Java test around this script counts the stored events);
- ListDatasetGroups and ListSchemas, whose model lists only InvalidNextTokenException, answer a
  malformed maxResults or nextToken with it, as boto3's modeled exception class; ListCampaigns,
  which lists InvalidInputException, answers with that;
- GetRecommendations with a recommenderArn beside the campaignArn, and Describe with an ARN of
  another kind: InvalidInputException naming the member.

Prints one line per check ("ok   ..." or "FAIL ...") and exits 0 when every check passed.
"""

import sys

import boto3
import botocore.config

REGION = "us-east-1"


class Run:
    def __init__(self, url):
        config = botocore.config.Config(parameter_validation=False, retries={"max_attempts": 1, "mode": "standard"})
        common = dict(endpoint_url=url, region_name=REGION, aws_access_key_id="AKIDTEST",
                      aws_secret_access_key="secret", config=config)
        self.pz = boto3.client("personalize", **common)
        self.rt = boto3.client("personalize-runtime", **common)
        self.ev = boto3.client("personalize-events", **common)
        self.failures = 0
        self.checks = 0

    def check(self, condition, name, detail=""):
        self.checks += 1
        if condition:
            print(f"ok   {name}")
        else:
            self.failures += 1
            print(f"FAIL {name}: {detail}")

    def refused(self, name, exception_class, call, *must_contain):
        """Runs call, expecting exception_class with a message holding every string of must_contain."""
        try:
            answer = call()
        except exception_class as e:
            message = e.response["Error"]["Message"]
            missing = [text for text in must_contain if text not in message]
            self.check(not missing, name, f"message {message!r} lacks {missing}")
            return
        except Exception as e:  # noqa: BLE001 - any other outcome is the failure being reported
            self.check(False, name, f"expected {exception_class.__name__}, got {type(e).__name__}: {e}")
            return
        self.check(False, name, f"expected {exception_class.__name__}, got an answer {answer}")


def main():
    if len(sys.argv) != 5:
        print(__doc__)
        return 2
    url, campaign, version, tracking_id = sys.argv[1:]
    run = Run(url)
    pz, rt, ev = run.pz, run.rt, run.ev
    campaigns_before = pz.list_campaigns()["campaigns"]

    for tps in (9223372036854775807, 2147483648, 4294967301, -9223372036854775808):
        run.refused(f"create_campaign minProvisionedTPS={tps}", pz.exceptions.InvalidInputException,
                    lambda tps=tps: pz.create_campaign(name="tps", solutionVersionArn=version, minProvisionedTPS=tps),
                    "minProvisionedTPS", str(tps), "between 1 and 2147483647")
        run.refused(f"update_campaign minProvisionedTPS={tps}", pz.exceptions.InvalidInputException,
                    lambda tps=tps: pz.update_campaign(campaignArn=campaign, minProvisionedTPS=tps),
                    "minProvisionedTPS", str(tps))
    described = pz.describe_campaign(campaignArn=campaign)["campaign"]
    run.check(described["minProvisionedTPS"] == 1, "the campaign keeps minProvisionedTPS 1", described)
    run.check("latestCampaignUpdate" not in described, "the campaign got no update", described.get("latestCampaignUpdate"))
    campaigns_after = pz.list_campaigns()["campaigns"]
    run.check(len(campaigns_after) == len(campaigns_before), "no campaign was created",
              f"{len(campaigns_before)} before, {len(campaigns_after)} after")

    def put(event):
        return ev.put_events(trackingId=tracking_id, sessionId="numbers", userId="numbers-user",
                             eventList=[dict({"eventType": "click", "itemId": "item-1", "sentAt": 1_700_000_000}, **event)])

    run.refused("put_events sentAt=-1", ev.exceptions.InvalidInputException, lambda: put({"sentAt": -1}),
                "eventList.1.member.sentAt", "Value -1", "epoch seconds")
    for value, shown in ((1e100, "1E+100"), (float("nan"), "'NaN'"), (float("inf"), "'Infinity'"), (-3.5e38, "-3.5E+38")):
        run.refused(f"put_events eventValue={value}", ev.exceptions.InvalidInputException, lambda value=value: put({"eventValue": value}),
                    "eventList.1.member.eventValue", shown, "finite number")

    run.refused("list_dataset_groups maxResults=0", pz.exceptions.InvalidNextTokenException,
                lambda: pz.list_dataset_groups(maxResults=0), "maxResults", "Value 0")
    run.refused("list_dataset_groups maxResults=2**40", pz.exceptions.InvalidNextTokenException,
                lambda: pz.list_dataset_groups(maxResults=2 ** 40), "maxResults", str(2 ** 40))
    run.refused("list_schemas maxResults=1000", pz.exceptions.InvalidNextTokenException,
                lambda: pz.list_schemas(maxResults=1000), "maxResults", "1000")
    run.refused("list_schemas nextToken=garbage", pz.exceptions.InvalidNextTokenException,
                lambda: pz.list_schemas(nextToken="garbage"), "nextToken")
    run.refused("list_campaigns maxResults=0", pz.exceptions.InvalidInputException,
                lambda: pz.list_campaigns(maxResults=0), "maxResults")

    recommender = campaign.replace(":campaign/", ":recommender/")
    run.refused("get_recommendations with a recommenderArn beside the campaignArn", rt.exceptions.InvalidInputException,
                lambda: rt.get_recommendations(campaignArn=campaign, recommenderArn=recommender, userId="u"), "recommenderArn")
    run.refused("get_recommendations promotion filterArn of a campaign", rt.exceptions.InvalidInputException,
                lambda: rt.get_recommendations(campaignArn=campaign, userId="u",
                                               promotions=[{"name": "p", "percentPromotedItems": 10, "filterArn": campaign}]),
                "promotions.1.member.filterArn", "ARN of a filter")
    run.refused("describe_solution_version with a campaign ARN", pz.exceptions.InvalidInputException,
                lambda: pz.describe_solution_version(solutionVersionArn=campaign), "solutionVersionArn", "ARN of a solution version")

    if run.failures:
        print(f"boto3 numbers: {run.failures} of {run.checks} checks failed")
        return 1
    print(f"boto3 numbers: all {run.checks} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
