#!/usr/bin/env python3
"""Checks through boto3 that data locations cannot reach the server's files outside its
--local-data folders.

Usage: python3 boto3_local_data.py ENDPOINT DATASET_ARN VERSION_ARN ALLOWED OUTSIDE DATA_DIR

The server runs with --local-data ALLOWED, which holds its DATA_DIR; OUTSIDE is a folder beside it
with a valid CSV (secret.csv) and a folder. The credentials come from AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY. Every import and batch job below must be refused with InvalidInputException
naming the member and the location, without quoting any file and without creating a folder; then an
import and a batch job inside ALLOWED must still work. Prints "ok ..." or "FAIL ..." per check and
exits 0 when every check passed.
"""

import os
import secrets
import sys
import time
import traceback

import boto3
import botocore.config
import botocore.exceptions

ROLE = "arn:aws:iam::000000000000:role/local-data"
WAIT = 120.0


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def refused(call, member, location, *, must_contain=(), **kwargs):
    """Calls and checks an InvalidInputException (HTTP 400) that names the member and the location."""
    try:
        call(**kwargs)
    except botocore.exceptions.ClientError as e:
        error = e.response.get("Error", {})
        status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        message = error.get("Message", "")
        check(error.get("Code") == "InvalidInputException" and status == 400,
              f"{location}: expected InvalidInputException (400), got {error.get('Code')} ({status}): {message}")
        check(message.startswith(f"{member} {location} "), f"{location}: the message should name {member}: {message}")
        for part in must_contain:
            check(part in message, f"{location}: the message should contain {part!r}: {message}")
        for secret in ("PATH=", "root:", "secret-item", "HOME="):
            check(secret not in message, f"{location}: the message quotes a file: {message}")
        return
    raise CheckFailed(f"{location}: the call succeeded; it should have been refused")


def main(endpoint, dataset, version, allowed, outside, data_dir):
    config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})
    pz = boto3.client("personalize", endpoint_url=endpoint, region_name="us-east-1", config=config)
    prefix = f"ld-{secrets.token_hex(3)}-"
    failures = 0

    def importing(location, *must_contain):
        refused(pz.create_dataset_import_job, "dataSource.dataLocation", location, must_contain=must_contain,
                jobName=prefix + secrets.token_hex(3), datasetArn=dataset, dataSource={"dataLocation": location}, roleArn=ROLE)

    def batch(source, destination, member, location, *must_contain):
        refused(pz.create_batch_inference_job, member, location, must_contain=must_contain,
                jobName=prefix + secrets.token_hex(3), solutionVersionArn=version, roleArn=ROLE,
                jobInput={"s3DataSource": {"path": source}}, jobOutput={"s3DataDestination": {"path": destination}})

    users = os.path.join(allowed, "boto3-users.json")
    with open(users, "w") as f:
        f.write('{"userId": "user-001"}\n')
    out_outside = os.path.join(outside, "boto3-out")
    out_data = os.path.join(data_dir, "boto3-out")
    link = os.path.join(allowed, "boto3-link")
    os.symlink(outside, link)
    checks = [
        ("the process environment", lambda: importing("file:///proc/self/environ", "is outside the folders")),
        ("/etc/passwd", lambda: importing("/etc/passwd", "is outside the folders")),
        ("a .. escape", lambda: importing(allowed + "/../" + os.path.basename(outside) + "/secret.csv", "contains '..'")),
        ("a %2e%2e escape", lambda: importing("file://" + allowed + "/%2e%2e/" + os.path.basename(outside) + "/secret.csv", "contains '..'")),
        ("a symlink out of the allowed folder", lambda: importing(link + "/secret.csv", "is outside the folders")),
        ("the data directory", lambda: importing("file://" + data_dir + "/tastemaker.db", "inside the server's data directory")),
        ("batch input /etc/shadow", lambda: batch("/etc/shadow", allowed + "/boto3-x", "jobInput.s3DataSource.path", "/etc/shadow", "is outside")),
        ("batch output outside", lambda: batch(users, out_outside, "jobOutput.s3DataDestination.path", out_outside, "is outside")),
        ("batch output in the data directory", lambda: batch(users, out_data, "jobOutput.s3DataDestination.path", out_data, "data directory")),
        ("batch output through a symlink", lambda: batch(users, link + "/out", "jobOutput.s3DataDestination.path", link + "/out", "is outside")),
    ]
    for name, run in checks:
        try:
            run()
            print(f"ok {name} refused")
        except Exception as e:  # noqa: BLE001 - report every check
            failures += 1
            print(f"FAIL {name}: {e}")
            traceback.print_exc()
    try:
        check(not os.path.exists(out_outside), f"{out_outside} was created")
        check(not os.path.exists(out_data), f"{out_data} was created")
        check(not os.path.exists(os.path.join(outside, "out")), "a folder was created through the symlink")
        print("ok nothing was written outside the allowed folders")
    except CheckFailed as e:
        failures += 1
        print(f"FAIL {e}")

    try:
        out = os.path.join(allowed, f"boto3-out-{secrets.token_hex(3)}")
        arn = pz.create_batch_inference_job(
            jobName=prefix + "allowed", solutionVersionArn=version, roleArn=ROLE,
            jobInput={"s3DataSource": {"path": "file://" + users}}, jobOutput={"s3DataDestination": {"path": out}})["batchInferenceJobArn"]
        deadline = time.monotonic() + WAIT
        while True:
            job = pz.describe_batch_inference_job(batchInferenceJobArn=arn)["batchInferenceJob"]
            if job["status"] in ("ACTIVE", "CREATE FAILED"):
                break
            check(time.monotonic() < deadline, f"batch job still {job['status']}")
            time.sleep(0.2)
        check(job["status"] == "ACTIVE", f"the allowed batch job ended {job['status']}: {job.get('failureReason')}")
        check(os.path.isfile(os.path.join(out, "boto3-users.json.out")), "the allowed batch job wrote no .out file")
        print("ok a batch job inside the allowed folder still works")
    except Exception as e:  # noqa: BLE001
        failures += 1
        print(f"FAIL allowed batch job: {e}")
        traceback.print_exc()

    if failures:
        print(f"boto3 local data: {failures} failed")
        return 1
    print("boto3 local data: all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:7]))
