#!/usr/bin/env python3
"""Checks Tastemaker's SigV4 verification with botocore's own signers and hand-made requests.

Usage: python3 botocore_sigv4.py http://127.0.0.1:PORT ACCESS_KEY_ID SECRET_ACCESS_KEY REGION

The server must run with --credentials holding the key pair and with --region REGION. Every request
is signed by botocore.auth.SigV4Auth (signature in the Authorization header) or SigV4QueryAuth
(presigned: the signature in the query string), then sent as signed, or changed after signing, with
urllib. Each check names the case and compares the HTTP status, the error type (the body's __type,
and X-Amzn-ErrorType on the restJson1 APIs) and a piece of AWS's message:

  * the control plane (awsJson1_1) answers authentication failures with 400, the runtime and events
    APIs (restJson1) with 403;
  * the body is always covered: UNSIGNED-PAYLOAD fails the signature, with or without a body
    changed after signing, and so does a body changed after signing with its real hash;
  * the credential must be scoped to the server's region and to the service 'personalize';
  * any X-Amz-Security-Token, signed or not, is UnrecognizedClientException;
  * a presigned request verifies until X-Amz-Expires has passed, and not when expired or tampered;
  * a request signed 20 minutes from the server's clock, before or after, has an expired signature.

Prints one line per check and exits 0 when every check passed, 1 otherwise (2 on bad usage).
Needs only the Python standard library and botocore.
"""

import datetime
import json
import sys
import urllib.error
import urllib.request

import botocore.auth
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

CONTROL = "application/x-amz-json-1.1"
LIST_RECIPES = json.dumps({"recipeProvider": "SERVICE", "maxResults": 5})


class Check:
    """Counts and prints the outcome of each case."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def expect(self, case, response, status, error_type=None, message=None, rest=False):
        got_status, headers, body = response
        problems = []
        if got_status != status:
            problems.append(f"status {got_status}, expected {status}")
        if error_type is not None:
            payload = json.loads(body) if body else {}
            if payload.get("__type") != error_type:
                problems.append(f"__type {payload.get('__type')!r}, expected {error_type!r}")
            if rest and headers.get("X-Amzn-ErrorType") != error_type:
                problems.append(f"X-Amzn-ErrorType {headers.get('X-Amzn-ErrorType')!r}, expected {error_type!r}")
            if message is not None and message not in payload.get("message", ""):
                problems.append(f"message {payload.get('message')!r} lacks {message!r}")
        if problems:
            self.failed += 1
            print(f"FAIL {case}: {'; '.join(problems)}; body {body[:300]!r}")
        else:
            self.passed += 1
            print(f"ok {case}")


def send(url, method, headers, body):
    """Sends a request exactly as given and returns (status, headers, body text)."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers))
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8")


def control_request(endpoint, body=LIST_RECIPES, scheme_url=None):
    return AWSRequest(
        method="POST",
        url=scheme_url or endpoint + "/",
        data=body,
        headers={"X-Amz-Target": "AmazonPersonalize.ListRecipes", "Content-Type": CONTROL},
    )


def runtime_request(endpoint, region, body=None):
    campaign = f"arn:aws:personalize:{region}:000000000000:campaign/none-such"
    return AWSRequest(
        method="POST",
        url=endpoint + "/recommendations",
        data=body or json.dumps({"campaignArn": campaign, "userId": "u1"}),
        headers={"Content-Type": "application/json"},
    )


def signed(request, credentials, region, service="personalize", unsigned_payload=False):
    """Signs in the Authorization header; an unsigned payload needs https, so the URL says https while signing."""
    if unsigned_payload:
        plain_url = request.url
        request.url = plain_url.replace("http://", "https://", 1)
        request.context["payload_signing_enabled"] = False
        SigV4Auth(credentials, service, region).add_auth(request)
        request.url = plain_url
    else:
        SigV4Auth(credentials, service, region).add_auth(request)
    return request


def presigned(request, credentials, region, expires):
    SigV4QueryAuth(credentials, "personalize", region, expires=expires).add_auth(request)
    return request


def dispatch(request, body=None):
    """Sends a signed AWSRequest, with another body when given (a change after signing)."""
    prepared = request.prepare()
    headers = {k: v for k, v in prepared.headers.items() if k.lower() != "content-length"}
    return send(prepared.url, prepared.method, headers, prepared.body if body is None else body)


class ShiftedClock:
    """Makes botocore sign as if its clock were off by a given amount."""

    def __init__(self, shift):
        self.shift = shift
        self.original = botocore.auth.get_current_datetime

    def __enter__(self):
        botocore.auth.get_current_datetime = lambda: self.original() + self.shift

    def __exit__(self, *exc):
        botocore.auth.get_current_datetime = self.original


def main(argv):
    if len(argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    endpoint, key, secret, region = argv[1].rstrip("/"), argv[2], argv[3], argv[4]
    other_region = "us-west-2" if region != "us-west-2" else "eu-west-1"
    good = Credentials(key, secret)
    with_token = Credentials(key, secret, "FwoGZXIvYXdzEBYaDHhz")
    check = Check()

    # Header signatures, control plane (awsJson1_1: 400).
    check.expect("header-signed ListRecipes is served", dispatch(signed(control_request(endpoint), good, region)), 200)
    check.expect(
        "UNSIGNED-PAYLOAD fails even with the body it was signed with",
        dispatch(signed(control_request(endpoint), good, region, unsigned_payload=True)),
        400, "InvalidSignatureException", "The request signature we calculated does not match")
    check.expect(
        "UNSIGNED-PAYLOAD with the body changed after signing fails",
        dispatch(signed(control_request(endpoint), good, region, unsigned_payload=True), body='{"maxResults": 1}'),
        400, "InvalidSignatureException", "The request signature we calculated does not match")
    check.expect(
        "a real body hash with the body changed after signing fails",
        dispatch(signed(control_request(endpoint), good, region), body='{"maxResults": 1}'),
        400, "InvalidSignatureException", "The request signature we calculated does not match")
    check.expect(
        "a credential scoped to another region fails",
        dispatch(signed(control_request(endpoint), good, other_region)),
        400, "InvalidSignatureException", f"Credential should be scoped to a valid region, not '{other_region}'. ")
    check.expect(
        "a credential scoped to another service fails",
        dispatch(signed(control_request(endpoint), good, region, service="execute-api")),
        400, "InvalidSignatureException", "Credential should be scoped to correct service: 'personalize'. ")
    check.expect(
        "a signed session token is unrecognized",
        dispatch(signed(control_request(endpoint), with_token, region)),
        400, "UnrecognizedClientException", "The security token included in the request is invalid.")
    unsigned_token = signed(control_request(endpoint), good, region)
    unsigned_token.headers["X-Amz-Security-Token"] = "FwoGZXIvYXdzEBYaDHhz"
    check.expect(
        "an unsigned session token is unrecognized", dispatch(unsigned_token),
        400, "UnrecognizedClientException", "The security token included in the request is invalid.")
    check.expect(
        "a wrong secret fails the signature",
        dispatch(signed(control_request(endpoint), Credentials(key, secret + "x"), region)),
        400, "InvalidSignatureException", "Check your AWS Secret Access Key and signing method.")
    check.expect(
        "an unknown access key is unrecognized",
        dispatch(signed(control_request(endpoint), Credentials("AKIDNOSUCHKEY", secret), region)),
        400, "UnrecognizedClientException", "The security token included in the request is invalid.")
    check.expect(
        "no signature at all is a missing token",
        send(endpoint + "/", "POST", {"X-Amz-Target": "AmazonPersonalize.ListRecipes", "Content-Type": CONTROL}, LIST_RECIPES),
        400, "MissingAuthenticationTokenException", "Missing Authentication Token")
    with ShiftedClock(datetime.timedelta(minutes=-20)):
        past = signed(control_request(endpoint), good, region)
    check.expect("a signature 20 minutes old has expired", dispatch(past), 400, "InvalidSignatureException", "Signature expired: ")
    with ShiftedClock(datetime.timedelta(minutes=20)):
        future = signed(control_request(endpoint), good, region)
    check.expect(
        "a signature 20 minutes ahead is not yet current", dispatch(future),
        400, "InvalidSignatureException", "Signature not yet current: ")
    with ShiftedClock(datetime.timedelta(minutes=-10)):
        skewed = signed(control_request(endpoint), good, region)
    check.expect("a signature 10 minutes old is still served", dispatch(skewed), 200)

    # Presigned requests: botocore moves a JSON body's members into the query and signs an empty body.
    valid = presigned(control_request(endpoint), good, region, expires=300)
    check.expect("a request presigned by SigV4QueryAuth is served", dispatch(valid), 200)
    if "X-Amz-Expires=300" not in valid.url or "maxResults=5" not in valid.url:
        check.failed += 1
        print(f"FAIL the presigned URL carries X-Amz-Expires and the body's members: {valid.url}")
    check.expect(
        "a presigned request with a query parameter added fails",
        send(valid.url.replace("?", "?extra=1&", 1), "POST", dict(valid.headers), b""),
        400, "InvalidSignatureException", "The request signature we calculated does not match")
    check.expect(
        "a presigned request with a body added fails",
        send(valid.url, "POST", dict(valid.headers), LIST_RECIPES),
        400, "InvalidSignatureException", "The request signature we calculated does not match")
    check.expect(
        "a presigned request whose X-Amz-Expires was raised fails",
        send(valid.url.replace("X-Amz-Expires=300", "X-Amz-Expires=3000"), "POST", dict(valid.headers), b""),
        400, "InvalidSignatureException", "The request signature we calculated does not match")
    with ShiftedClock(datetime.timedelta(minutes=-20)):
        expired = presigned(control_request(endpoint), good, region, expires=600)
    check.expect(
        "a presigned request past its X-Amz-Expires has expired", dispatch(expired),
        400, "InvalidSignatureException", " - 600 sec.)")
    with ShiftedClock(datetime.timedelta(minutes=-20)):
        long_lived = presigned(control_request(endpoint), good, region, expires=3600)
    check.expect("a presigned request within its X-Amz-Expires is served", dispatch(long_lived), 200)
    check.expect(
        "a presigned request for another region fails",
        dispatch(presigned(control_request(endpoint), good, other_region, expires=300)),
        400, "InvalidSignatureException", f"not '{other_region}'")
    check.expect(
        "a presigned session token is unrecognized",
        dispatch(presigned(control_request(endpoint), with_token, region, expires=300)),
        400, "UnrecognizedClientException", "The security token included in the request is invalid.")
    check.expect(
        "a presigned request with an Authorization header too is refused",
        send(valid.url, "POST", dict(valid.headers, Authorization=signed(control_request(endpoint), good, region).headers["Authorization"]), b""),
        400, "InvalidSignatureException", "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.")

    # The restJson1 runtime: the same refusals with 403 and X-Amzn-ErrorType; a served request reaches the operation.
    check.expect(
        "a header-signed GetRecommendations reaches the operation",
        dispatch(signed(runtime_request(endpoint, region), good, region)),
        404, "ResourceNotFoundException", rest=True)
    check.expect(
        "runtime: UNSIGNED-PAYLOAD fails",
        dispatch(signed(runtime_request(endpoint, region), good, region, unsigned_payload=True)),
        403, "InvalidSignatureException", "The request signature we calculated does not match", rest=True)
    check.expect(
        "runtime: a body changed after signing fails",
        dispatch(signed(runtime_request(endpoint, region), good, region), body='{"campaignArn": "x", "userId": "u2"}'),
        403, "InvalidSignatureException", "The request signature we calculated does not match", rest=True)
    check.expect(
        "runtime: another region fails",
        dispatch(signed(runtime_request(endpoint, region), good, other_region)),
        403, "InvalidSignatureException", f"Credential should be scoped to a valid region, not '{other_region}'. ", rest=True)
    check.expect(
        "runtime: a session token is unrecognized",
        dispatch(signed(runtime_request(endpoint, region), with_token, region)),
        403, "UnrecognizedClientException", "The security token included in the request is invalid.", rest=True)
    check.expect(
        "runtime: no signature is a missing token",
        send(endpoint + "/recommendations", "POST", {"Content-Type": "application/json"}, "{}"),
        403, "MissingAuthenticationTokenException", rest=True)
    with ShiftedClock(datetime.timedelta(minutes=-20)):
        expired_runtime = presigned(runtime_request(endpoint, region), good, region, expires=60)
    check.expect(
        "runtime: an expired presigned request has expired", dispatch(expired_runtime),
        403, "InvalidSignatureException", "Signature expired: ", rest=True)

    print(f"botocore sigv4: {check.passed} checks passed, {check.failed} failed")
    if check.failed == 0:
        print("botocore sigv4: all passed")
    return 0 if check.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
