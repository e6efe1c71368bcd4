#!/usr/bin/env python3
"""Data lifecycle operations through the real boto3 client: dataset exports, data deletion jobs,
schema updates and metric attributions, each a subcommand run against resources the Java test made.

Usage: python3 boto3_lifecycle.py http://127.0.0.1:PORT SUBCOMMAND ARGS...
  export DATASET_ARN FOLDER     BULK export to a local folder; checks the header and that rows came out
  delete GROUP_ARN CSV          data deletion job; checks COMPLETED, numDeleted and the list
  update USERS_DATASET_ARN       UpdateDataset with a nullable field added; checks latestDatasetUpdate and a refusal
  attribution GROUP_ARN         metric attribution lifecycle; checks a bad expression's message
Prints "boto3 <subcommand>: ok" and exits 0 when every check passed; raises otherwise.
"""

import json
import os
import secrets
import sys
import time

import boto3
import botocore.config

REGION = "us-east-1"
WAIT = 120.0
ROLE = "arn:aws:iam::000000000000:role/lifecycle"


def client(endpoint):
    return boto3.client("personalize", endpoint_url=endpoint, region_name=REGION, aws_access_key_id="AKIDTEST",
                        aws_secret_access_key="secret", config=botocore.config.Config(retries={"max_attempts": 1}))


def wait(describe, final):
    deadline = time.time() + WAIT
    while True:
        status = describe()["status"]
        if status in final:
            return status
        if time.time() > deadline:
            raise AssertionError(f"still {status} after {WAIT} s")
        time.sleep(0.05)


def export(p, dataset_arn, folder):
    name = "boto3-" + secrets.token_hex(4)
    arn = p.create_dataset_export_job(jobName=name, datasetArn=dataset_arn, ingestionMode="BULK", roleArn=ROLE,
                                      jobOutput={"s3DataDestination": {"path": folder}})["datasetExportJobArn"]
    describe = lambda: p.describe_dataset_export_job(datasetExportJobArn=arn)["datasetExportJob"]  # noqa: E731
    status = wait(describe, {"ACTIVE", "CREATE FAILED"})
    assert status == "ACTIVE", describe()
    job = describe()
    assert job["ingestionMode"] == "BULK" and job["jobName"] == name, job
    listed = p.list_dataset_export_jobs(datasetArn=dataset_arn)["datasetExportJobs"]
    assert any(s["datasetExportJobArn"] == arn and s["status"] == "ACTIVE" for s in listed), listed
    with open(os.path.join(folder, name, "part-00000.csv"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    assert lines[0] == "USER_ID,ITEM_ID,EVENT_TYPE,EVENT_VALUE,TIMESTAMP", lines[0]
    assert len(lines) > 1, lines
    try:
        p.create_dataset_export_job(jobName=name + "x", datasetArn=dataset_arn, roleArn=ROLE,
                                    jobOutput={"s3DataDestination": {"path": "/proc/exports/"}})
        raise AssertionError("a path outside the local data folders was accepted")
    except p.exceptions.InvalidInputException as e:
        assert "jobOutput.s3DataDestination.path" in str(e), e


def delete(p, group_arn, csv):
    name = "boto3-" + secrets.token_hex(4)
    arn = p.create_data_deletion_job(jobName=name, datasetGroupArn=group_arn, roleArn=ROLE,
                                     dataSource={"dataLocation": csv})["dataDeletionJobArn"]
    describe = lambda: p.describe_data_deletion_job(dataDeletionJobArn=arn)["dataDeletionJob"]  # noqa: E731
    status = wait(describe, {"COMPLETED", "FAILED"})
    assert status == "COMPLETED", describe()
    job = describe()
    assert job["numDeleted"] > 0 and job["dataSource"]["dataLocation"] == csv, job
    listed = p.list_data_deletion_jobs(datasetGroupArn=group_arn)["dataDeletionJobs"]
    assert any(s["dataDeletionJobArn"] == arn and s["status"] == "COMPLETED" for s in listed), listed
    try:
        p.create_data_deletion_job(jobName=name + "x", datasetGroupArn=group_arn, roleArn=ROLE,
                                   dataSource={"dataLocation": "/proc/self/environ"})
        raise AssertionError("a location outside the local data folders was accepted")
    except p.exceptions.InvalidInputException as e:
        assert "dataSource.dataLocation" in str(e), e


USERS_FIELDS = [{"name": "USER_ID", "type": "string"}, {"name": "AGE", "type": "int"},
                {"name": "GENDER", "type": "string", "categorical": True}]


def schema(p, fields):
    text = json.dumps({"type": "record", "name": "Users", "namespace": "com.amazonaws.personalize.schema", "fields": fields, "version": "1.0"})
    return p.create_schema(name="boto3-" + secrets.token_hex(4), schema=text)["schemaArn"]


def update(p, dataset_arn):
    wider = schema(p, USERS_FIELDS + [{"name": "MEMBERSHIP", "type": ["null", "string"], "categorical": True}])
    assert p.update_dataset(datasetArn=dataset_arn, schemaArn=wider)["datasetArn"] == dataset_arn
    describe = lambda: p.describe_dataset(datasetArn=dataset_arn)["dataset"]["latestDatasetUpdate"]  # noqa: E731
    assert wait(describe, {"ACTIVE", "CREATE FAILED"}) == "ACTIVE", describe()
    assert p.describe_dataset(datasetArn=dataset_arn)["dataset"]["schemaArn"] == wider
    narrower = schema(p, USERS_FIELDS)
    try:
        p.update_dataset(datasetArn=dataset_arn, schemaArn=narrower)
        raise AssertionError("a schema without MEMBERSHIP replaced one with it")
    except p.exceptions.InvalidInputException as e:
        assert "the field MEMBERSHIP is missing" in str(e), e


def attribution(p, group_arn):
    output = {"roleArn": ROLE}
    try:
        p.create_metric_attribution(name="boto3-bad", datasetGroupArn=group_arn, metricsOutputConfig=output,
                                    metrics=[{"eventType": "click", "metricName": "X", "expression": "COUNT(*)"}])
        raise AssertionError("a bad expression was accepted")
    except p.exceptions.InvalidInputException as e:
        assert "metrics[0].expression must be SAMPLECOUNT()" in str(e) and "COUNT(*)" in str(e), e
    arn = p.create_metric_attribution(name="boto3-" + secrets.token_hex(4), datasetGroupArn=group_arn, metricsOutputConfig=output,
                                      metrics=[{"eventType": "click", "metricName": "CLICKS", "expression": "SAMPLECOUNT()"}])["metricAttributionArn"]
    describe = lambda: p.describe_metric_attribution(metricAttributionArn=arn)["metricAttribution"]  # noqa: E731
    assert wait(describe, {"ACTIVE", "CREATE FAILED"}) == "ACTIVE", describe()
    assert describe()["datasetGroupArn"] == group_arn
    p.update_metric_attribution(metricAttributionArn=arn, addMetrics=[{"eventType": "buy", "metricName": "BUYS", "expression": "SAMPLECOUNT()"}])
    names = [m["metricName"] for m in p.list_metric_attribution_metrics(metricAttributionArn=arn)["metrics"]]
    assert names == ["CLICKS", "BUYS"], names
    assert [a["metricAttributionArn"] for a in p.list_metric_attributions(datasetGroupArn=group_arn)["metricAttributions"]] == [arn]
    p.delete_metric_attribution(metricAttributionArn=arn)


def main():
    endpoint, command, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    p = client(endpoint)
    {"export": export, "delete": delete, "update": update, "attribution": attribution}[command](p, *args)
    print(f"boto3 {command}: ok")


if __name__ == "__main__":
    main()
