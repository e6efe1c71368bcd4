#!/usr/bin/env python3
"""Drives Tastemaker's Amazon Personalize API with the real boto3 clients, end to end.

Usage: python3 boto3_control_plane.py http://127.0.0.1:PORT

Walks the legacy workflow (schemas, dataset groups, datasets, import jobs, recipes, solutions,
solution versions, campaigns, recommendations, batch inference jobs, filters, event trackers, tags)
and checks the answers' values and the documented errors (code, HTTP status, and a message that
names the member or value). Names carry a random prefix (py-<hex>-) so reruns against one server do
not clash; what a run creates is deleted at the end, also when a check fails.

The data is the hand-computable fixture of workflow_data.py (100 users x 10 interactions on 10
items), written as CSV files to a temporary folder and imported with file:// URIs and plain
absolute paths, so the server must run on this machine. It is trained with aws-popularity-count,
whose offline metrics and recommendations are worked out by hand and compared exactly; an aws-hrnn
version whose event type filters out every interaction ends CREATE FAILED (checked in "solution
versions"), and batch inference jobs still end CREATE FAILED with a reason saying so (checked in
"batch inference jobs (not available yet)"). Every recipe's serving rules are checked by
boto3_recipes.py on a fixture with more structure.

Prints one line per check group and exits 0 when every group passed, 1 otherwise (2 on bad usage).
Needs only the Python standard library and boto3/botocore.
"""

import datetime
import json
import os
import pathlib
import re
import secrets
import shutil
import sys
import tempfile
import time
import traceback

import boto3
import botocore.config
import botocore.exceptions

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workflow_data  # noqa: E402 - the shared fixture lives beside this script

REGION = "us-east-1"
ACCOUNT = "000000000000"
ARN_PREFIX = f"arn:aws:personalize:{REGION}:{ACCOUNT}:"
RECIPE_PREFIX = "arn:aws:personalize:::recipe/"
POPULARITY = RECIPE_PREFIX + "aws-popularity-count"  # its answers are worked out by hand
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/PersonalizeTestRole"
WAIT_TIMEOUT = 30.0
POLL_INTERVAL = 0.2

ACTIVE_PATH = ("CREATE PENDING", "CREATE IN_PROGRESS", "ACTIVE")
DELETE_PATH = ("DELETE PENDING", "DELETE IN_PROGRESS")
JOB_TERMINAL = ("ACTIVE", "CREATE FAILED", "CREATE STOPPED")
JOB_PATH = ("CREATE PENDING", "CREATE IN_PROGRESS", "CREATE STOPPING") + JOB_TERMINAL

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

INTERACTIONS_SCHEMA = {
    "type": "record",
    "name": "Interactions",
    "namespace": "com.amazonaws.personalize.schema",
    "fields": [
        {"name": "USER_ID", "type": "string"},
        {"name": "ITEM_ID", "type": "string"},
        {"name": "TIMESTAMP", "type": "long"},
        {"name": "EVENT_TYPE", "type": "string"},
        {"name": "EVENT_VALUE", "type": ["float", "null"]},
    ],
    "version": "1.0",
}
ITEMS_SCHEMA = {
    "type": "record",
    "name": "Items",
    "namespace": "com.amazonaws.personalize.schema",
    "fields": [
        {"name": "ITEM_ID", "type": "string"},
        {"name": "GENRES", "type": ["null", "string"], "categorical": True},
    ],
    "version": "1.0",
}
USERS_SCHEMA = {
    "type": "record",
    "name": "Users",
    "namespace": "com.amazonaws.personalize.schema",
    "fields": [
        {"name": "USER_ID", "type": "string"},
        {"name": "AGE", "type": "int"},
    ],
    "version": "1.0",
}

# name -> (recipeType, algorithm name, feature transformation name), section 4.1
RECIPES = {
    "aws-hrnn": ("USER_PERSONALIZATION", "aws-hrnn", "JSON-percentile-filtering"),
    "aws-hrnn-coldstart": ("USER_PERSONALIZATION", "aws-hrnn-coldstart", "featurize_coldstart"),
    "aws-hrnn-metadata": ("USER_PERSONALIZATION", "aws-hrnn-metadata", "featurize_metadata"),
    "aws-item-affinity": ("USER_SEGMENTATION", "aws-item-affinity", "featurize_metadata"),
    "aws-item-attribute-affinity": ("USER_SEGMENTATION", "aws-item-attribute-affinity", "featurize_metadata"),
    "aws-next-best-action": ("PERSONALIZED_ACTIONS", "aws-next-best-action", "next-best-action"),
    "aws-personalized-ranking": ("PERSONALIZED_RANKING", "aws-personalized-ranking",
                                 "JSON-percentile-filtering"),
    "aws-popularity-count": ("USER_PERSONALIZATION", "aws-popularity-count", "sims"),
    "aws-sims": ("RELATED_ITEMS", "aws-sims", "sims"),
    "aws-similar-items": ("RELATED_ITEMS", "aws-similar-items", "similar-items"),
    "aws-semantic-similarity": ("RELATED_ITEMS", "aws-semantic-similarity", "semantic-similarity"),
    "aws-user-personalization": ("USER_PERSONALIZATION", "aws-user-personalization", "user-personalization"),
    "aws-trending-now": ("USER_PERSONALIZATION", "aws-trending-now-custom", "trending-now"),
    "aws-user-personalization-v2": ("USER_PERSONALIZATION", "aws-user-personalization-v2",
                                    "aws-user-personalization-v2"),
    "aws-personalized-ranking-v2": ("PERSONALIZED_RANKING", "aws-personalized-ranking-v2",
                                    "aws-personalized-ranking-v2"),
}
# the use cases of the two domains, listed with the recipes when no domain is given
DOMAIN_RECIPES = {
    "ECOMMERCE": ["aws-ecomm-customers-who-viewed-x-also-viewed", "aws-ecomm-frequently-bought-together",
                  "aws-ecomm-popular-items-by-purchases", "aws-ecomm-popular-items-by-views",
                  "aws-ecomm-recommended-for-you"],
    "VIDEO_ON_DEMAND": ["aws-vod-because-you-watched-x", "aws-vod-more-like-x", "aws-vod-most-popular",
                        "aws-vod-top-picks", "aws-vod-trending-now"],
}
ALL_RECIPE_NAMES = sorted(list(RECIPES) + [n for names in DOMAIN_RECIPES.values() for n in names])
# default hidden_dimension per HRNN-family algorithm, section 4.3
HIDDEN_DIMENSION_DEFAULTS = {
    "aws-hrnn": "43",
    "aws-hrnn-metadata": "43",
    "aws-hrnn-coldstart": "149",
    "aws-personalized-ranking": "149",
    "aws-user-personalization": "149",
}


class CheckFailed(AssertionError):
    """A check did not hold; the message says what was expected and what came back."""


class Skipped(Exception):
    """A group could not run because a group it needs failed."""


def check(condition, message):
    """Like assert, but survives python -O and counts the checks of the running group."""
    RUN.checks += 1
    if not condition:
        raise CheckFailed(message)


def check_eq(actual, expected, what):
    check(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


def arn(kind, name):
    return f"{ARN_PREFIX}{kind}/{name}"


def body(response):
    """The response without boto3's ResponseMetadata, for messages."""
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


class Run:
    def __init__(self, url):
        self.url = url
        self.prefix = f"py-{secrets.token_hex(4)}-"
        self.tmp = None  # a temporary folder for the CSV files, made by main()
        self.checks = 0
        self.state = {}
        self.created = []  # ARNs this run created, for the final cleanup
        self.deleted = set()
        config = botocore.config.Config(
            retries={"max_attempts": 1, "mode": "standard"},
            connect_timeout=5,
            read_timeout=60,
        )
        common = dict(
            endpoint_url=url,
            region_name=REGION,
            aws_access_key_id="AKIDTEST",
            aws_secret_access_key="secret",
            config=config,
        )
        self.pz = boto3.client("personalize", **common)
        self.runtime = boto3.client("personalize-runtime", **common)
        self.events = boto3.client("personalize-events", **common)

    def name(self, suffix):
        return self.prefix + suffix

    def track(self, resource_arn):
        if resource_arn and resource_arn not in self.created:
            self.created.append(resource_arn)
        return resource_arn

    def need(self, *keys):
        missing = [k for k in keys if k not in self.state]
        if missing:
            raise Skipped(f"needs {', '.join(missing)} from an earlier group")
        return [self.state[k] for k in keys] if len(keys) > 1 else self.state[keys[0]]


RUN = None  # set in main()


# --------------------------------------------------------------------------------------------
# helpers


def expect_error(code, fn, contains=(), http_status=400, **kwargs):
    """Calls fn(**kwargs) and checks it fails with `code`, the HTTP status and every `contains`
    substring in the message. Returns the message."""
    op = fn.__name__
    try:
        response = fn(**kwargs)
    except botocore.exceptions.ClientError as e:
        error = e.response.get("Error", {})
        got = error.get("Code")
        message = error.get("Message", "")
        status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        check(got == code,
              f"{op}({_short(kwargs)}): expected {code}, got {got} (HTTP {status}): {message!r}")
        check(status == http_status,
              f"{op}({_short(kwargs)}): {code} should come with HTTP {http_status}, got {status}")
        for part in contains:
            check(part in message,
                  f"{op}({_short(kwargs)}): {code} message should contain {part!r}, got {message!r}")
        return message
    # It succeeded: remember what it made so the cleanup removes it, then fail.
    for key, value in response.items():
        if key.endswith("Arn") and isinstance(value, str):
            RUN.track(value)
    raise CheckFailed(f"{op}({_short(kwargs)}): expected {code}, but the call succeeded: "
                      f"{body(response)!r}")


def _short(kwargs):
    text = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
    return text if len(text) <= 300 else text[:300] + "..."


def describe(kind, resource_arn):
    """Returns the described object, e.g. describe('dataset', arn)['status']."""
    ops = {
        "schema": ("describe_schema", "schemaArn", "schema"),
        "dataset-group": ("describe_dataset_group", "datasetGroupArn", "datasetGroup"),
        "dataset": ("describe_dataset", "datasetArn", "dataset"),
        "dataset-import-job": ("describe_dataset_import_job", "datasetImportJobArn",
                               "datasetImportJob"),
        "solution": ("describe_solution", "solutionArn", "solution"),
        "solution-version": ("describe_solution_version", "solutionVersionArn",
                             "solutionVersion"),
        "campaign": ("describe_campaign", "campaignArn", "campaign"),
        "batch-inference-job": ("describe_batch_inference_job", "batchInferenceJobArn",
                                "batchInferenceJob"),
        "filter": ("describe_filter", "filterArn", "filter"),
        "event-tracker": ("describe_event_tracker", "eventTrackerArn", "eventTracker"),
    }
    op, member, key = ops[kind]
    response = getattr(RUN.pz, op)(**{member: resource_arn})
    check(key in response, f"{op}: response should have key {key!r}, got {body(response)!r}")
    return response[key]


def wait_for(kind, resource_arn, targets, allowed):
    """Polls Describe* until the status is in `targets`; every status seen must be in `allowed`."""
    deadline = time.monotonic() + WAIT_TIMEOUT
    seen = []
    while True:
        obj = describe(kind, resource_arn)
        status = obj.get("status")
        if not seen or seen[-1] != status:
            seen.append(status)
        check(status in allowed,
              f"{kind} {resource_arn}: unexpected status {status!r} (seen {seen}); "
              f"failureReason={obj.get('failureReason')!r}")
        if status in targets:
            return obj
        if time.monotonic() > deadline:
            raise CheckFailed(f"{kind} {resource_arn}: still {status!r} after {WAIT_TIMEOUT:.0f} s "
                              f"(seen {seen}); wanted {targets}")
        time.sleep(POLL_INTERVAL)


def wait_active(kind, resource_arn):
    return wait_for(kind, resource_arn, ("ACTIVE",), ACTIVE_PATH)


def wait_gone(kind, resource_arn):
    """Polls Describe* until ResourceNotFoundException; meanwhile the status must be DELETE *."""
    deadline = time.monotonic() + WAIT_TIMEOUT
    while True:
        try:
            obj = describe(kind, resource_arn)
        except botocore.exceptions.ClientError as e:
            code = e.response["Error"].get("Code")
            check(code == "ResourceNotFoundException",
                  f"{kind} {resource_arn}: describe after delete failed with {code}, "
                  f"expected ResourceNotFoundException once gone")
            RUN.deleted.add(resource_arn)
            return
        check(obj.get("status") in DELETE_PATH,
              f"{kind} {resource_arn}: after delete the status should be DELETE PENDING (or gone), "
              f"got {obj.get('status')!r}")
        if time.monotonic() > deadline:
            raise CheckFailed(f"{kind} {resource_arn}: still {obj.get('status')!r} "
                              f"{WAIT_TIMEOUT:.0f} s after delete")
        time.sleep(POLL_INTERVAL)


def check_common_fields(obj, what):
    created = obj.get("creationDateTime")
    updated = obj.get("lastUpdatedDateTime")
    check(isinstance(created, datetime.datetime),
          f"{what}: creationDateTime should be a timestamp, got {created!r}")
    check(isinstance(updated, datetime.datetime),
          f"{what}: lastUpdatedDateTime should be a timestamp, got {updated!r}")
    check(updated >= created, f"{what}: lastUpdatedDateTime {updated} is before creationDateTime "
                              f"{created}")
    now = datetime.datetime.now(datetime.timezone.utc)
    check(abs((now - created).total_seconds()) < 3600,
          f"{what}: creationDateTime {created} is not close to now ({now}); epoch seconds?")


def list_all(fn, key, **kwargs):
    """Follows nextToken with the server's default page size; returns the items."""
    items, token, pages = [], None, 0
    while True:
        args = dict(kwargs)
        if token:
            args["nextToken"] = token
        response = fn(**args)
        check(key in response, f"{fn.__name__}: response should have key {key!r}, got "
                               f"{list(body(response))}")
        items.extend(response[key])
        token = response.get("nextToken")
        pages += 1
        check(pages < 5000, f"{fn.__name__}: more than 5000 pages, nextToken loops?")
        if not token:
            return items


def check_paging(fn, key, arn_key, expected=None, includes=(), **kwargs):
    """maxResults=1 pages one item at a time with nextToken until the end.

    With `expected` (a list of ARNs) the paged result must be exactly that set (for lists
    filtered by a parent this run owns); otherwise it must include `includes` (for account-wide
    lists other runs may share)."""
    op = fn.__name__
    paged, token, pages = [], None, 0
    while True:
        args = dict(kwargs, maxResults=1)
        if token:
            args["nextToken"] = token
        response = fn(**args)
        check(key in response, f"{op}(maxResults=1): response should have key {key!r}")
        page = response[key]
        check(len(page) <= 1, f"{op}(maxResults=1): got {len(page)} items on one page")
        paged.extend(item[arn_key] for item in page)
        token = response.get("nextToken")
        pages += 1
        if pages == 1:
            total = len(expected) if expected is not None else len(includes)
            if total > 1:
                check(len(page) == 1 and token,
                      f"{op}(maxResults=1): first page should hold 1 item and a nextToken when "
                      f"more remain, got {len(page)} items, nextToken={token!r}")
        check(pages <= 5000, f"{op}: more than 5000 pages with maxResults=1, nextToken loops?")
        if not token:
            break
    check(len(paged) == len(set(paged)), f"{op}: paging with maxResults=1 returned duplicates: "
                                         f"{paged}")
    if expected is not None:
        check(sorted(paged) == sorted(expected),
              f"{op}({_short(kwargs)}): pages of 1 should yield {sorted(expected)}, got "
              f"{sorted(paged)}")
    for want in includes:
        check(want in paged, f"{op}: {want} missing from pages of 1")
    return paged


def check_list_errors(fn, **kwargs):
    """maxResults above 100 and an unknown nextToken are refused, each with an error the operation's
    model lists: InvalidInputException, or InvalidNextTokenException for the List operations whose
    model lists no other (ListDatasetGroups, ListSchemas)."""
    client = fn.__self__
    operation = client.meta.service_model.operation_model(client.meta.method_to_api_mapping[fn.__name__])
    modeled = [shape.name for shape in operation.error_shapes]
    malformed = "InvalidInputException" if "InvalidInputException" in modeled else "InvalidNextTokenException"
    expect_error(malformed, fn, contains=("101", "maxResults"), maxResults=101, **kwargs)
    expect_error("InvalidNextTokenException", fn, nextToken="garbage", **kwargs)


def check_not_found(fn, member, missing_arn, **extra):
    """Describe/Delete/... of a missing ARN: ResourceNotFoundException that names the ARN."""
    expect_error("ResourceNotFoundException", fn, contains=(missing_arn,),
                 **{member: missing_arn}, **extra)


def created_by_run(kind):
    """ARNs of `kind` (e.g. 'dataset-group') that this run created and has not deleted yet."""
    return [a for a in RUN.created
            if a.startswith(f"{ARN_PREFIX}{kind}/") and a not in RUN.deleted
            and not (kind == "solution" and a.count("/") > 1)]  # not solution versions


def check_tags(resource_arn, expected):
    response = RUN.pz.list_tags_for_resource(resourceArn=resource_arn)
    got = {t["tagKey"]: t["tagValue"] for t in response.get("tags", [])}
    check_eq(got, expected, f"list_tags_for_resource({resource_arn})")


def file_uri(path, folder=False):
    """The file:// URI of a local path; a folder's ends in '/'."""
    uri = pathlib.Path(os.path.abspath(path)).as_uri()
    return uri + "/" if folder else uri


def wait_done(kind, resource_arn, want):
    """Waits until a job (import job, solution version, batch inference job) ends and checks that
    it ended `want`: ACTIVE without a failureReason, or CREATE FAILED with one. Returns the job."""
    job = wait_for(kind, resource_arn, JOB_TERMINAL, JOB_PATH)
    status, reason = job.get("status"), job.get("failureReason")
    check(status == want, f"{kind} {resource_arn}: expected to end {want!r}, ended {status!r} "
                          f"with failureReason={reason!r}")
    if want == "ACTIVE":
        check("failureReason" not in job, f"{kind} {resource_arn} is ACTIVE but has a "
                                          f"failureReason: {reason!r}")
    else:
        check(isinstance(reason, str) and reason.strip(),
              f"{kind} {resource_arn} ended {status!r} without a failureReason")
    return job


def start_import(suffix, dataset_arn, location, **kwargs):
    """Starts an import of `location` into the dataset; returns the job's ARN."""
    name = RUN.name(suffix)
    job_arn = RUN.pz.create_dataset_import_job(
        jobName=name, datasetArn=dataset_arn, dataSource={"dataLocation": location},
        **kwargs).get("datasetImportJobArn")
    check_eq(job_arn, arn("dataset-import-job", name), "create_dataset_import_job ARN")
    return RUN.track(job_arn)


def create_popularity_solution(suffix, group_arn, **kwargs):
    """Creates an aws-popularity-count solution and waits until it is ACTIVE; returns its ARN."""
    name = RUN.name(suffix)
    solution_arn = RUN.track(RUN.pz.create_solution(
        name=name, datasetGroupArn=group_arn, recipeArn=POPULARITY, **kwargs).get("solutionArn"))
    check_eq(solution_arn, arn("solution", name), "create_solution solutionArn")
    wait_active("solution", solution_arn)
    return solution_arn


def train(solution_arn, want):
    """Creates a solution version, waits until it ends and checks that it ended `want`.
    Returns (version ARN, described version)."""
    version_arn = RUN.pz.create_solution_version(solutionArn=solution_arn).get("solutionVersionArn")
    check(isinstance(version_arn, str) and re.fullmatch(re.escape(solution_arn) + r"/[0-9a-f]{8}",
                                                        version_arn),
          f"create_solution_version: ARN should be {solution_arn}/<8 hex>, got {version_arn!r}")
    return version_arn, wait_done("solution-version", version_arn, want)


def check_fixture_metrics(version_arn, what):
    """GetSolutionMetrics of a popularity version trained on the whole fixture: exactly the 8 keys
    with the hand-computed values of workflow_data.expected_metrics(), rounded to 4 decimals."""
    response = RUN.pz.get_solution_metrics(solutionVersionArn=version_arn)
    check_eq(response.get("solutionVersionArn"), version_arn,
             f"get_solution_metrics({what}) solutionVersionArn")
    metrics = response.get("metrics")
    check(isinstance(metrics, dict), f"get_solution_metrics({what}): no metrics map in "
                                     f"{body(response)!r}")
    exact, expected = workflow_data.expected_metrics(), workflow_data.expected_rounded()
    check_eq(sorted(metrics), sorted(expected), f"get_solution_metrics({what}) metric names")
    for key, value in expected.items():
        check(metrics[key] == value, f"get_solution_metrics({what}) {key}: expected {value} "
                                     f"(= {exact[key]!r} to 4 decimals), got {metrics[key]!r}")
    return metrics


def min_data_reason(interactions):
    """The failureReason of a version trained on too few interactions (after the event filters)."""
    return (f"Create failed. Dataset has {interactions} interactions after the solution's event "
            f"filters; at least 1000 are needed.")


# --------------------------------------------------------------------------------------------
# check groups


def check_recipes():
    pz = RUN.pz
    names = [r["name"] for r in list_all(pz.list_recipes, "recipes")]
    check_eq(names, ALL_RECIPE_NAMES, "list_recipes names (sorted by name)")
    response = pz.list_recipes()
    check("nextToken" not in response, f"list_recipes: all {len(ALL_RECIPE_NAMES)} recipes should fit one default page")
    for summary in response["recipes"]:
        check_eq(summary["recipeArn"], RECIPE_PREFIX + summary["name"], "recipe summary ARN")
        check_eq(summary.get("status"), "ACTIVE", f"recipe {summary['name']} status")
    check_eq([r["name"] for r in pz.list_recipes(recipeProvider="SERVICE")["recipes"]],
             ALL_RECIPE_NAMES, "list_recipes(recipeProvider=SERVICE)")
    for domain, use_cases in DOMAIN_RECIPES.items():
        listed = pz.list_recipes(domain=domain)["recipes"]
        check_eq([r["name"] for r in listed], use_cases, f"list_recipes(domain={domain})")
        check(all(r.get("domain") == domain for r in listed), f"list_recipes(domain={domain}): each summary names its domain")
    check_paging(pz.list_recipes, "recipes", "recipeArn",
                 expected=[RECIPE_PREFIX + n for n in ALL_RECIPE_NAMES])
    check_list_errors(pz.list_recipes)
    expect_error("InvalidInputException", pz.list_recipes, contains=("BOGUS", "recipeProvider"),
                 recipeProvider="BOGUS")

    transformations = set()
    for name, (recipe_type, algorithm, transformation) in RECIPES.items():
        recipe = pz.describe_recipe(recipeArn=RECIPE_PREFIX + name)["recipe"]
        check_eq(recipe.get("name"), name, f"describe_recipe({name}).name")
        check_eq(recipe.get("recipeArn"), RECIPE_PREFIX + name, f"describe_recipe({name}).recipeArn")
        check_eq(recipe.get("recipeType"), recipe_type, f"describe_recipe({name}).recipeType")
        check_eq(recipe.get("status"), "ACTIVE", f"describe_recipe({name}).status")
        algorithm_arn = f"arn:aws:personalize:::algorithm/{algorithm}"
        check_eq(recipe.get("algorithmArn"), algorithm_arn, f"describe_recipe({name}).algorithmArn")
        ft_arn = f"arn:aws:personalize:::feature-transformation/{transformation}"
        check_eq(recipe.get("featureTransformationArn"), ft_arn,
                 f"describe_recipe({name}).featureTransformationArn")
        transformations.add(ft_arn)

        algo = pz.describe_algorithm(algorithmArn=algorithm_arn)["algorithm"]
        check_eq(algo.get("algorithmArn"), algorithm_arn, f"describe_algorithm({algorithm}).arn")
        check_eq(algo.get("name"), algorithm, f"describe_algorithm({algorithm}).name")
        defaults = algo.get("defaultHyperParameters", {})
        if algorithm in HIDDEN_DIMENSION_DEFAULTS:
            check_eq(defaults.get("hidden_dimension"), HIDDEN_DIMENSION_DEFAULTS[algorithm],
                     f"describe_algorithm({algorithm}).defaultHyperParameters.hidden_dimension")
            ranges = {r["name"]: r for r in algo.get("defaultHyperParameterRanges", {})
                      .get("integerHyperParameterRanges", [])}
            hd = ranges.get("hidden_dimension")
            check(hd is not None and hd.get("minValue") == 32 and hd.get("maxValue") == 256,
                  f"describe_algorithm({algorithm}): hidden_dimension range should be [32, 256], "
                  f"got {hd!r}")
        if algorithm == "aws-sims":
            check_eq(defaults.get("popularity_discount_factor"), "0.5",
                     "describe_algorithm(aws-sims).defaultHyperParameters.popularity_discount_factor")
            check_eq(defaults.get("min_cointeraction_count"), "3",
                     "describe_algorithm(aws-sims).defaultHyperParameters.min_cointeraction_count")
        if algorithm == "aws-similar-items":
            check_eq(defaults.get("popularity_discount_factor"), "0.0",
                     "describe_algorithm(aws-similar-items).defaultHyperParameters.popularity_discount_factor")
            ranges = {r["name"]: r for r in algo.get("defaultHyperParameterRanges", {})
                      .get("integerHyperParameterRanges", [])}
            for dim in ("item_id_hidden_dim", "item_metadata_hidden_dim"):
                rng = ranges.get(dim)
                check(rng is not None and rng.get("minValue") == 30 and rng.get("maxValue") == 200
                      and rng.get("isTunable") is True,
                      f"describe_algorithm(aws-similar-items): {dim} range should be [30, 200], tunable, got {rng!r}")

    for ft_arn in sorted(transformations):
        ft = pz.describe_feature_transformation(featureTransformationArn=ft_arn)[
            "featureTransformation"]
        check_eq(ft.get("featureTransformationArn"), ft_arn, "describe_feature_transformation arn")
        check_eq(ft.get("name"), ft_arn.rsplit("/", 1)[1], "describe_feature_transformation name")

    check_not_found(pz.describe_recipe, "recipeArn", RECIPE_PREFIX + "aws-no-such-recipe")
    check_not_found(pz.describe_algorithm, "algorithmArn",
                    "arn:aws:personalize:::algorithm/aws-no-such-algorithm")
    check_not_found(pz.describe_feature_transformation, "featureTransformationArn",
                    "arn:aws:personalize:::feature-transformation/no-such-transformation")


def check_schemas():
    pz = RUN.pz
    arns = {}
    for key, schema in (("interactions", INTERACTIONS_SCHEMA), ("items", ITEMS_SCHEMA),
                        ("users", USERS_SCHEMA)):
        name = RUN.name(f"{key}-schema")
        response = pz.create_schema(name=name, schema=json.dumps(schema))
        schema_arn = RUN.track(response.get("schemaArn"))
        check_eq(schema_arn, arn("schema", name), "create_schema schemaArn")
        described = pz.describe_schema(schemaArn=schema_arn)["schema"]
        check_eq(described.get("name"), name, "describe_schema name")
        check_eq(described.get("schemaArn"), schema_arn, "describe_schema schemaArn")
        check_eq(json.loads(described.get("schema", "null")), schema,
                 "describe_schema schema (as JSON)")
        check("status" not in described, f"describe_schema: schemas have no status, got "
                                          f"{described.get('status')!r}")
        check_common_fields(described, f"schema {name}")
        arns[key] = schema_arn
    RUN.state["schema_interactions"] = arns["interactions"]
    RUN.state["schema_items"] = arns["items"]
    RUN.state["schema_users"] = arns["users"]

    summaries = {s["schemaArn"]: s for s in list_all(pz.list_schemas, "schemas")}
    for schema_arn in arns.values():
        check(schema_arn in summaries, f"list_schemas: {schema_arn} missing")
        check_eq(summaries[schema_arn].get("name"), schema_arn.rsplit("/", 1)[1],
                 "list_schemas summary name")
    check_paging(pz.list_schemas, "schemas", "schemaArn", includes=list(arns.values()))
    check_list_errors(pz.list_schemas)

    taken = RUN.name("interactions-schema")
    expect_error("ResourceAlreadyExistsException", pz.create_schema, contains=(taken,),
                 name=taken, schema=json.dumps(INTERACTIONS_SCHEMA))
    message = expect_error("InvalidInputException", pz.create_schema,
                           name=RUN.name("not-json"), schema="{not json")
    check(message.startswith("Invalid schema: "),
          f"create_schema(not JSON): message should start 'Invalid schema: ', got {message!r}")
    array_schema = {"type": "record", "name": "Items", "fields": [
        {"name": "ITEM_ID", "type": "string"},
        {"name": "TAGS", "type": {"type": "array", "items": "string"}}]}
    message = expect_error("InvalidInputException", pz.create_schema,
                           name=RUN.name("array-schema"), schema=json.dumps(array_schema))
    check(message.startswith("Invalid schema: "),
          f"create_schema(array field): message should start 'Invalid schema: ', got {message!r}")
    expect_error("InvalidInputException", pz.create_schema,
                 contains=("Value 'bad name!' at 'name'", "regular expression pattern"),
                 name="bad name!", schema=json.dumps(USERS_SCHEMA))
    long_name = RUN.prefix + "x" * (64 - len(RUN.prefix))
    expect_error("InvalidInputException", pz.create_schema,
                 contains=(f"'{long_name}'", "'name'", "length less than or equal to 63"),
                 name=long_name, schema=json.dumps(USERS_SCHEMA))
    expect_error("InvalidInputException", pz.create_schema,
                 contains=("'schema'", "length less than or equal to 20000"),
                 name=RUN.name("huge"), schema=" " * 20001)
    expect_error("InvalidInputException", pz.create_schema, contains=("'BOGUS'", "'domain'"),
                 name=RUN.name("domain"), schema=json.dumps(USERS_SCHEMA), domain="BOGUS")
    check_not_found(pz.describe_schema, "schemaArn", arn("schema", RUN.name("missing")))
    check_not_found(pz.delete_schema, "schemaArn", arn("schema", RUN.name("missing")))

    # Schemas have no status and go away at once.
    name = RUN.name("short-lived-schema")
    schema_arn = RUN.track(pz.create_schema(name=name, schema=json.dumps(USERS_SCHEMA))["schemaArn"])
    pz.delete_schema(schemaArn=schema_arn)
    RUN.deleted.add(schema_arn)
    check_not_found(pz.describe_schema, "schemaArn", schema_arn)


def check_dataset_groups():
    pz = RUN.pz
    name1, name2 = RUN.name("group-1"), RUN.name("group-2")
    response = pz.create_dataset_group(name=name1, tags=[{"tagKey": "team", "tagValue": "py"}])
    g1 = RUN.track(response.get("datasetGroupArn"))
    check_eq(g1, arn("dataset-group", name1), "create_dataset_group datasetGroupArn")
    first = describe("dataset-group", g1)
    check(first.get("status") in ACTIVE_PATH,
          f"describe_dataset_group right after create: status {first.get('status')!r}")
    g2 = RUN.track(pz.create_dataset_group(name=name2)["datasetGroupArn"])
    check_eq(g2, arn("dataset-group", name2), "create_dataset_group datasetGroupArn")
    group = wait_active("dataset-group", g1)
    wait_active("dataset-group", g2)
    check_eq(group.get("name"), name1, "describe_dataset_group name")
    check_eq(group.get("datasetGroupArn"), g1, "describe_dataset_group datasetGroupArn")
    check("failureReason" not in group, f"ACTIVE dataset group has a failureReason: {group!r}")
    check_common_fields(group, f"dataset group {name1}")
    RUN.state["group1"], RUN.state["group2"] = g1, g2
    RUN.state["group1_name"], RUN.state["group2_name"] = name1, name2

    summaries = {g["datasetGroupArn"]: g for g in list_all(pz.list_dataset_groups, "datasetGroups")}
    for group_arn, name in ((g1, name1), (g2, name2)):
        check(group_arn in summaries, f"list_dataset_groups: {group_arn} missing")
        check_eq(summaries[group_arn].get("name"), name, "list_dataset_groups summary name")
        check_eq(summaries[group_arn].get("status"), "ACTIVE", "list_dataset_groups summary status")
    check_paging(pz.list_dataset_groups, "datasetGroups", "datasetGroupArn", includes=[g1, g2])
    check_list_errors(pz.list_dataset_groups)

    expect_error("ResourceAlreadyExistsException", pz.create_dataset_group, contains=(name1,),
                 name=name1)
    message = expect_error("InvalidInputException", pz.create_dataset_group, name="bad name!")
    want = ("1 validation error detected: Value 'bad name!' at 'name' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: ")
    check(message.startswith(want), f"create_dataset_group(bad name!): message should start "
                                    f"{want!r}, got {message!r}")
    long_name = RUN.prefix + "g" * (64 - len(RUN.prefix))
    expect_error("InvalidInputException", pz.create_dataset_group,
                 contains=("'name'", "length less than or equal to 63"), name=long_name)
    expect_error("InvalidInputException", pz.create_dataset_group,
                 contains=("'BOGUS'", "'domain'"), name=RUN.name("bad-domain"), domain="BOGUS")
    expect_error("InvalidInputException", pz.describe_dataset_group,
                 contains=("'not-an-arn'", "datasetGroupArn"), datasetGroupArn="not-an-arn")
    check_not_found(pz.describe_dataset_group, "datasetGroupArn",
                    arn("dataset-group", RUN.name("missing")))
    check_not_found(pz.delete_dataset_group, "datasetGroupArn",
                    arn("dataset-group", RUN.name("missing")))


def check_datasets():
    pz = RUN.pz
    g1, g2, name1, name2 = RUN.need("group1", "group2", "group1_name", "group2_name")
    s_int, s_items, s_users = RUN.need("schema_interactions", "schema_items", "schema_users")

    # A schema that does not fit the dataset type (checked before g2 gets its Interactions).
    expect_error("InvalidInputException", pz.create_dataset, contains=("does not fit",),
                 name=RUN.name("misfit-1"), schemaArn=s_items, datasetGroupArn=g2,
                 datasetType="Interactions")
    expect_error("InvalidInputException", pz.create_dataset, contains=("does not fit",),
                 name=RUN.name("misfit-2"), schemaArn=s_users, datasetGroupArn=g2,
                 datasetType="Items")

    datasets = {}
    for dataset_type, schema_arn, tags in (("Interactions", s_int, [{"tagKey": "kind",
                                                                    "tagValue": "interactions"}]),
                                           ("Items", s_items, []),
                                           ("Users", s_users, [])):
        name = RUN.name(f"{dataset_type.lower()}-dataset")
        kwargs = dict(name=name, schemaArn=schema_arn, datasetGroupArn=g1,
                      datasetType=dataset_type)
        if tags:
            kwargs["tags"] = tags
        dataset_arn = RUN.track(pz.create_dataset(**kwargs).get("datasetArn"))
        check_eq(dataset_arn, arn("dataset", f"{name1}/{dataset_type.upper()}"),
                 f"create_dataset({dataset_type}) datasetArn")
        datasets[dataset_type] = (dataset_arn, name, schema_arn)
    for dataset_type, (dataset_arn, name, schema_arn) in datasets.items():
        dataset = wait_active("dataset", dataset_arn)
        check_eq(dataset.get("name"), name, "describe_dataset name")
        check_eq(dataset.get("datasetArn"), dataset_arn, "describe_dataset datasetArn")
        check_eq(dataset.get("datasetGroupArn"), g1, "describe_dataset datasetGroupArn")
        check_eq(dataset.get("datasetType"), dataset_type, "describe_dataset datasetType")
        check_eq(dataset.get("schemaArn"), schema_arn, "describe_dataset schemaArn")
        check_common_fields(dataset, f"dataset {dataset_arn}")
    RUN.state["dataset_interactions"] = datasets["Interactions"][0]
    RUN.state["dataset_items"] = datasets["Items"][0]
    RUN.state["dataset_users"] = datasets["Users"][0]

    listed = {d["datasetArn"]: d for d in list_all(pz.list_datasets, "datasets",
                                                    datasetGroupArn=g1)}
    check_eq(sorted(listed), sorted(v[0] for v in datasets.values()),
             f"list_datasets(datasetGroupArn={g1}) ARNs")
    for dataset_type, (dataset_arn, name, _) in datasets.items():
        check_eq(listed[dataset_arn].get("datasetType"), dataset_type, "list_datasets datasetType")
        check_eq(listed[dataset_arn].get("name"), name, "list_datasets name")
        check_eq(listed[dataset_arn].get("status"), "ACTIVE", "list_datasets status")
    check_paging(pz.list_datasets, "datasets", "datasetArn",
                 expected=[v[0] for v in datasets.values()], datasetGroupArn=g1)
    check_list_errors(pz.list_datasets, datasetGroupArn=g1)

    # Dataset type is case-insensitive; the ARN uses the upper-case type.
    name = RUN.name("lower-case-dataset")
    lower_arn = RUN.track(pz.create_dataset(name=name, schemaArn=s_int, datasetGroupArn=g2,
                                            datasetType="interactions").get("datasetArn"))
    check_eq(lower_arn, arn("dataset", f"{name2}/INTERACTIONS"),
             "create_dataset(datasetType='interactions') datasetArn")
    wait_active("dataset", lower_arn)
    RUN.state["dataset_group2"] = lower_arn

    expect_error("ResourceAlreadyExistsException", pz.create_dataset, contains=(g1,),
                 name=RUN.name("second-interactions"), schemaArn=s_int, datasetGroupArn=g1,
                 datasetType="Interactions")
    expect_error("InvalidInputException", pz.create_dataset, contains=("Bogus",),
                 name=RUN.name("bogus-type"), schemaArn=s_items, datasetGroupArn=g2,
                 datasetType="Bogus")
    expect_error("InvalidInputException", pz.create_dataset, contains=("'datasetType'",),
                 name=RUN.name("bad-type-pattern"), schemaArn=s_items, datasetGroupArn=g2,
                 datasetType="Items2")
    missing_group = arn("dataset-group", RUN.name("missing"))
    expect_error("ResourceNotFoundException", pz.create_dataset, contains=(missing_group,),
                 name=RUN.name("orphan"), schemaArn=s_items, datasetGroupArn=missing_group,
                 datasetType="Items")
    missing_schema = arn("schema", RUN.name("missing"))
    expect_error("ResourceNotFoundException", pz.create_dataset, contains=(missing_schema,),
                 name=RUN.name("no-schema"), schemaArn=missing_schema, datasetGroupArn=g2,
                 datasetType="Items")
    check_not_found(pz.describe_dataset, "datasetArn",
                    arn("dataset", f"{RUN.name('missing')}/INTERACTIONS"))

    # Resources still in use cannot be deleted.
    expect_error("ResourceInUseException", pz.delete_dataset_group, contains=(g1,),
                 datasetGroupArn=g1)
    expect_error("ResourceInUseException", pz.delete_schema, contains=(s_int,), schemaArn=s_int)
    check_eq(describe("dataset-group", g1).get("status"), "ACTIVE",
             "dataset group status after the refused delete")


def check_dataset_names_unique():
    """A dataset name used in one group cannot be used again in another group (the dataset ARN
    holds the group name and type, not the dataset name, so this is a separate rule)."""
    g2, s_items = RUN.need("group2", "schema_items")
    RUN.need("dataset_items")
    taken = RUN.name("items-dataset")
    expect_error("ResourceAlreadyExistsException", RUN.pz.create_dataset, contains=(taken,),
                 name=taken, schemaArn=s_items, datasetGroupArn=g2, datasetType="Items")


def check_solutions():
    pz = RUN.pz
    g1 = RUN.need("group1")
    RUN.need("dataset_interactions")
    name1, name2 = RUN.name("hrnn-solution"), RUN.name("sims-solution")
    sol1 = RUN.track(pz.create_solution(
        name=name1, datasetGroupArn=g1, recipeArn=RECIPE_PREFIX + "aws-hrnn", eventType="click",
        solutionConfig={"algorithmHyperParameters": {"hidden_dimension": "64"}},
        tags=[{"tagKey": "recipe", "tagValue": "hrnn"}]).get("solutionArn"))
    check_eq(sol1, arn("solution", name1), "create_solution solutionArn")
    sol2 = RUN.track(pz.create_solution(name=name2, datasetGroupArn=g1,
                                        recipeArn=RECIPE_PREFIX + "aws-sims").get("solutionArn"))
    check_eq(sol2, arn("solution", name2), "create_solution solutionArn")
    solution = wait_active("solution", sol1)
    wait_active("solution", sol2)
    check_eq(solution.get("name"), name1, "describe_solution name")
    check_eq(solution.get("solutionArn"), sol1, "describe_solution solutionArn")
    check_eq(solution.get("recipeArn"), RECIPE_PREFIX + "aws-hrnn", "describe_solution recipeArn")
    check_eq(solution.get("datasetGroupArn"), g1, "describe_solution datasetGroupArn")
    check_eq(solution.get("eventType"), "click", "describe_solution eventType")
    check_eq(solution.get("performHPO"), False, "describe_solution performHPO")
    check_eq(solution.get("performAutoML"), False, "describe_solution performAutoML")
    check_eq(solution.get("solutionConfig", {}).get("algorithmHyperParameters", {})
             .get("hidden_dimension"), "64",
             "describe_solution solutionConfig.algorithmHyperParameters.hidden_dimension")
    check_common_fields(solution, f"solution {name1}")
    RUN.state["solution_hrnn"], RUN.state["solution_sims"] = sol1, sol2
    RUN.state["solution_hrnn_name"] = name1

    listed = {s["solutionArn"]: s for s in list_all(pz.list_solutions, "solutions",
                                                     datasetGroupArn=g1)}
    check_eq(sorted(listed), sorted([sol1, sol2]), f"list_solutions(datasetGroupArn={g1})")
    check_eq(listed[sol2].get("recipeArn"), RECIPE_PREFIX + "aws-sims", "list_solutions recipeArn")
    check_eq(listed[sol1].get("status"), "ACTIVE", "list_solutions status")
    check_paging(pz.list_solutions, "solutions", "solutionArn", expected=[sol1, sol2],
                 datasetGroupArn=g1)
    check_list_errors(pz.list_solutions, datasetGroupArn=g1)

    bad_hd = RUN.name("bad-hidden-dimension")
    message = expect_error(
        "InvalidInputException", pz.create_solution, name=bad_hd, datasetGroupArn=g1,
        recipeArn=RECIPE_PREFIX + "aws-hrnn",
        solutionConfig={"algorithmHyperParameters": {"hidden_dimension": "1000"}})
    check_eq(message, "hidden_dimension must be in [32, 256], got 1000",
             "create_solution(hidden_dimension=1000) message")
    check_not_found(pz.describe_solution, "solutionArn", arn("solution", bad_hd))
    expect_error("InvalidInputException", pz.create_solution,
                 contains=("Unknown hyperparameter", "foo_bar"), name=RUN.name("unknown-hp"),
                 datasetGroupArn=g1, recipeArn=RECIPE_PREFIX + "aws-hrnn",
                 solutionConfig={"algorithmHyperParameters": {"foo_bar": "1"}})
    expect_error("ResourceAlreadyExistsException", pz.create_solution, contains=(name1,),
                 name=name1, datasetGroupArn=g1, recipeArn=RECIPE_PREFIX + "aws-hrnn")
    expect_error("ResourceNotFoundException", pz.create_solution,
                 contains=(RECIPE_PREFIX + "aws-no-such-recipe",), name=RUN.name("no-recipe"),
                 datasetGroupArn=g1, recipeArn=RECIPE_PREFIX + "aws-no-such-recipe")
    missing_group = arn("dataset-group", RUN.name("missing"))
    expect_error("ResourceNotFoundException", pz.create_solution, contains=(missing_group,),
                 name=RUN.name("no-group"), datasetGroupArn=missing_group,
                 recipeArn=RECIPE_PREFIX + "aws-hrnn")
    expect_error("InvalidInputException", pz.create_solution,
                 contains=("Value 'bad name!' at 'name'",), name="bad name!", datasetGroupArn=g1,
                 recipeArn=RECIPE_PREFIX + "aws-hrnn")
    check_not_found(pz.describe_solution, "solutionArn", arn("solution", RUN.name("missing")))


def check_import_jobs():
    """A FULL import of the fixture from a file:// URI into group 1's Interactions dataset."""
    pz = RUN.pz
    dataset_arn = RUN.need("dataset_interactions")
    path = os.path.join(RUN.tmp, "fixture.csv")
    rows = workflow_data.write_csv(path)
    location = file_uri(path)
    name = RUN.name("import")
    job_arn = start_import("import", dataset_arn, location, roleArn=ROLE_ARN)
    job = describe("dataset-import-job", job_arn)
    check_eq(job.get("jobName"), name, "describe_dataset_import_job jobName")
    check_eq(job.get("datasetImportJobArn"), job_arn, "describe_dataset_import_job ARN")
    check_eq(job.get("datasetArn"), dataset_arn, "describe_dataset_import_job datasetArn")
    check_eq(job.get("dataSource"), {"dataLocation": location},
             "describe_dataset_import_job dataSource")
    check_eq(job.get("roleArn"), ROLE_ARN, "describe_dataset_import_job roleArn")
    check_eq(job.get("importMode"), "FULL", "describe_dataset_import_job importMode (default)")
    check(job.get("status") in JOB_PATH, f"import job status {job.get('status')!r}")
    job = wait_done("dataset-import-job", job_arn, "ACTIVE")
    check_common_fields(job, f"import job {name}")
    RUN.state["import_job"] = job_arn

    listed = list_all(pz.list_dataset_import_jobs, "datasetImportJobs", datasetArn=dataset_arn)
    check_eq([j["datasetImportJobArn"] for j in listed], [job_arn],
             f"list_dataset_import_jobs(datasetArn={dataset_arn})")
    check_eq(listed[0].get("jobName"), name, "list_dataset_import_jobs jobName")
    check_eq(listed[0].get("status"), "ACTIVE", "list_dataset_import_jobs status")
    check_list_errors(pz.list_dataset_import_jobs, datasetArn=dataset_arn)
    check_eq(describe("dataset", dataset_arn).get("status"), "ACTIVE",
             "describe_dataset status after the import")

    expect_error("ResourceAlreadyExistsException", pz.create_dataset_import_job,
                 contains=(name,), jobName=name, datasetArn=dataset_arn,
                 dataSource={"dataLocation": location}, roleArn=ROLE_ARN)
    expect_error("InvalidInputException", pz.create_dataset_import_job,
                 contains=("'ftp://bucket/x.csv'", "dataLocation"), jobName=RUN.name("ftp"),
                 datasetArn=dataset_arn, dataSource={"dataLocation": "ftp://bucket/x.csv"},
                 roleArn=ROLE_ARN)
    expect_error("InvalidInputException", pz.create_dataset_import_job,
                 contains=("'BOGUS'", "'importMode'"), jobName=RUN.name("bad-mode"),
                 datasetArn=dataset_arn, dataSource={"dataLocation": location},
                 roleArn=ROLE_ARN, importMode="BOGUS")
    missing = arn("dataset", f"{RUN.name('missing')}/INTERACTIONS")
    expect_error("ResourceNotFoundException", pz.create_dataset_import_job, contains=(missing,),
                 jobName=RUN.name("no-dataset"), datasetArn=missing,
                 dataSource={"dataLocation": location}, roleArn=ROLE_ARN)
    check_not_found(pz.describe_dataset_import_job, "datasetImportJobArn",
                    arn("dataset-import-job", RUN.name("missing")))
    return f"{rows} rows from {location}"


def check_solution_versions():
    """A version of the aws-hrnn solution: the API fields, then CREATE FAILED because its event
    type filters out every interaction, and what a failed version refuses."""
    pz = RUN.pz
    sol1, sol1_name, g1 = RUN.need("solution_hrnn", "solution_hrnn_name", "group1")
    version_arn = pz.create_solution_version(solutionArn=sol1).get("solutionVersionArn")
    check(isinstance(version_arn, str) and re.fullmatch(
        re.escape(arn("solution", sol1_name)) + r"/[0-9a-f]{8}", version_arn),
        f"create_solution_version: ARN should be {arn('solution', sol1_name)}/<8 hex>, got "
        f"{version_arn!r}")
    version_id = version_arn.rsplit("/", 1)[1]
    version = describe("solution-version", version_arn)
    check_eq(version.get("solutionVersionArn"), version_arn, "describe_solution_version ARN")
    check_eq(version.get("solutionArn"), sol1, "describe_solution_version solutionArn")
    check_eq(version.get("name"), f"{sol1_name}/{version_id}", "describe_solution_version name")
    check_eq(version.get("recipeArn"), RECIPE_PREFIX + "aws-hrnn",
             "describe_solution_version recipeArn")
    check_eq(version.get("datasetGroupArn"), g1, "describe_solution_version datasetGroupArn")
    check_eq(version.get("trainingMode"), "FULL", "describe_solution_version trainingMode")
    check(version.get("status") in JOB_PATH, f"solution version status {version.get('status')!r}")
    check_common_fields(version, f"solution version {version_arn}")
    RUN.state["solution_version"] = version_arn

    listed = list_all(pz.list_solution_versions, "solutionVersions", solutionArn=sol1)
    check_eq([v["solutionVersionArn"] for v in listed], [version_arn],
             f"list_solution_versions(solutionArn={sol1})")
    latest = pz.describe_solution(solutionArn=sol1)["solution"].get("latestSolutionVersion", {})
    check_eq(latest.get("solutionVersionArn"), version_arn,
             "describe_solution latestSolutionVersion.solutionVersionArn")
    check_list_errors(pz.list_solution_versions, solutionArn=sol1)

    missing_solution = arn("solution", RUN.name("missing"))
    expect_error("ResourceNotFoundException", pz.create_solution_version,
                 contains=(missing_solution,), solutionArn=missing_solution)
    expect_error("InvalidInputException", pz.create_solution_version,
                 contains=("'BOGUS'", "'trainingMode'"), solutionArn=sol1, trainingMode="BOGUS")
    check_not_found(pz.describe_solution_version, "solutionVersionArn",
                    arn("solution", f"{sol1_name}/00000000"))

    # The solution trains on one event type only, which the imported data does not hold.
    reason = wait_done("solution-version", version_arn, "CREATE FAILED").get("failureReason")
    check_eq(reason, "Create failed. Dataset has 0 interactions after the solution's event filters; "
                     "at least 1000 are needed.", "aws-hrnn solution version failureReason")
    summary = pz.list_solution_versions(solutionArn=sol1)["solutionVersions"][0]
    check_eq((summary.get("status"), summary.get("failureReason")), ("CREATE FAILED", reason),
             "list_solution_versions status/failureReason")
    latest = pz.describe_solution(solutionArn=sol1)["solution"].get("latestSolutionVersion", {})
    check_eq(latest.get("status"), "CREATE FAILED",
             "describe_solution latestSolutionVersion.status")
    expect_error("ResourceInUseException", pz.create_campaign, contains=(version_arn,),
                 name=RUN.name("campaign-failed-version"), solutionVersionArn=version_arn)
    check_eq(pz.list_campaigns(solutionArn=sol1)["campaigns"], [],
             "list_campaigns after the refused create")
    expect_error("ResourceInUseException", pz.get_solution_metrics, contains=(version_arn,),
                 solutionVersionArn=version_arn)
    expect_error("ResourceInUseException", pz.stop_solution_version_creation,
                 contains=(version_arn,), solutionVersionArn=version_arn)
    check_not_found(pz.get_solution_metrics, "solutionVersionArn",
                    arn("solution", f"{sol1_name}/00000000"))
    check_not_found(pz.stop_solution_version_creation, "solutionVersionArn",
                    arn("solution", f"{sol1_name}/00000000"))
    return f"CREATE FAILED, {reason!r}"


def check_training():
    """aws-popularity-count trained twice on the fixture: ACTIVE, the hand-computed metrics, and the
    same metrics again (training is deterministic)."""
    pz = RUN.pz
    g1 = RUN.need("group1")
    RUN.need("import_job")
    solution_arn = create_popularity_solution("popularity", g1)
    RUN.state["solution_pop"] = solution_arn
    solution_name = solution_arn.rsplit("/", 1)[1]
    version_arn, version = train(solution_arn, "ACTIVE")
    RUN.state["version_pop"] = version_arn
    check_eq(version.get("solutionVersionArn"), version_arn, "describe_solution_version ARN")
    check_eq(version.get("solutionArn"), solution_arn, "describe_solution_version solutionArn")
    check_eq(version.get("name"), f"{solution_name}/{version_arn.rsplit('/', 1)[1]}",
             "describe_solution_version name")
    check_eq(version.get("recipeArn"), POPULARITY, "describe_solution_version recipeArn")
    check_eq(version.get("datasetGroupArn"), g1, "describe_solution_version datasetGroupArn")
    check_eq(version.get("trainingMode"), "FULL", "describe_solution_version trainingMode")
    hours = version.get("trainingHours")
    check(isinstance(hours, (int, float)) and 0 <= hours < 1,
          f"describe_solution_version trainingHours should be a small number of hours, got "
          f"{hours!r}")
    check_common_fields(version, f"solution version {version_arn}")
    metrics = check_fixture_metrics(version_arn, "first popularity version")
    RUN.state["metrics_pop"] = metrics

    again_arn, _ = train(solution_arn, "ACTIVE")
    RUN.state["version_pop2"] = again_arn
    check_fixture_metrics(again_arn, "second popularity version, same data")
    listed = {v["solutionVersionArn"]: v for v in list_all(
        pz.list_solution_versions, "solutionVersions", solutionArn=solution_arn)}
    check_eq(sorted(listed), sorted([version_arn, again_arn]),
             f"list_solution_versions(solutionArn={solution_arn})")
    for listed_arn, summary in listed.items():
        check_eq(summary.get("status"), "ACTIVE", f"list_solution_versions {listed_arn} status")
    latest = pz.describe_solution(solutionArn=solution_arn)["solution"].get(
        "latestSolutionVersion", {})
    check_eq((latest.get("solutionVersionArn"), latest.get("status")), (again_arn, "ACTIVE"),
             "describe_solution latestSolutionVersion")
    return ", ".join(f"{k}={v}" for k, v in sorted(metrics.items()))


def check_minimum_data():
    """Solutions whose event filters leave only the 100 buy events fail with the minimum-data
    reason: eventType='buy', and eventValueThreshold='5' (views have EVENT_VALUE 1, buys 5)."""
    pz = RUN.pz
    g1 = RUN.need("group1")
    RUN.need("import_job")
    buys = len(workflow_data.USERS) * 1  # one buy event per user
    by_type = create_popularity_solution("buy-only", g1, eventType="buy")
    check_eq(describe("solution", by_type).get("eventType"), "buy", "describe_solution eventType")
    by_value = create_popularity_solution("value-5", g1,
                                          solutionConfig={"eventValueThreshold": "5"})
    check_eq(describe("solution", by_value).get("solutionConfig", {}).get("eventValueThreshold"),
             "5", "describe_solution solutionConfig.eventValueThreshold")
    reasons = []
    for what, solution_arn in (("eventType='buy'", by_type),
                               ("eventValueThreshold='5'", by_value)):
        version_arn, version = train(solution_arn, "CREATE FAILED")
        check_eq(version.get("failureReason"), min_data_reason(buys),
                 f"failureReason of a version of the {what} solution")
        expect_error("ResourceInUseException", pz.get_solution_metrics, contains=(version_arn,),
                     solutionVersionArn=version_arn)
        reasons.append(version.get("failureReason"))
    return f"{reasons[0]!r}"


def check_campaign_errors():
    pz = RUN.pz
    sol1, sol1_name = RUN.need("solution_hrnn", "solution_hrnn_name")
    check_eq(list_all(pz.list_campaigns, "campaigns", solutionArn=sol1), [],
             f"list_campaigns(solutionArn={sol1})")
    check_list_errors(pz.list_campaigns, solutionArn=sol1)
    missing_version = arn("solution", f"{sol1_name}/00000000")
    expect_error("ResourceNotFoundException", pz.create_campaign, contains=(missing_version,),
                 name=RUN.name("campaign-no-version"), solutionVersionArn=missing_version,
                 minProvisionedTPS=1)
    expect_error("InvalidInputException", pz.create_campaign,
                 contains=("Value 'bad name!' at 'name'",), name="bad name!",
                 solutionVersionArn=missing_version)
    missing = arn("campaign", RUN.name("missing"))
    check_not_found(pz.describe_campaign, "campaignArn", missing)
    check_not_found(pz.update_campaign, "campaignArn", missing, minProvisionedTPS=2)
    check_not_found(pz.delete_campaign, "campaignArn", missing)


def check_campaigns():
    """A campaign on the first popularity version: ACTIVE, described and listed."""
    pz = RUN.pz
    solution_arn, version_arn = RUN.need("solution_pop", "version_pop")
    name = RUN.name("campaign")
    campaign_arn = RUN.track(pz.create_campaign(name=name, solutionVersionArn=version_arn)
                             .get("campaignArn"))
    check_eq(campaign_arn, arn("campaign", name), "create_campaign campaignArn")
    campaign = wait_active("campaign", campaign_arn)
    RUN.state["campaign"] = campaign_arn
    check_eq(campaign.get("name"), name, "describe_campaign name")
    check_eq(campaign.get("campaignArn"), campaign_arn, "describe_campaign campaignArn")
    check_eq(campaign.get("solutionVersionArn"), version_arn,
             "describe_campaign solutionVersionArn")
    check_eq(campaign.get("minProvisionedTPS"), 1, "describe_campaign minProvisionedTPS (default)")
    check("failureReason" not in campaign, f"ACTIVE campaign has a failureReason: {campaign!r}")
    check_common_fields(campaign, f"campaign {name}")

    listed = list_all(pz.list_campaigns, "campaigns", solutionArn=solution_arn)
    check_eq([c["campaignArn"] for c in listed], [campaign_arn],
             f"list_campaigns(solutionArn={solution_arn})")
    check_eq(listed[0].get("name"), name, "list_campaigns name")
    check_eq(listed[0].get("status"), "ACTIVE", "list_campaigns status")
    if "solution_hrnn" in RUN.state:
        check_eq(list_all(pz.list_campaigns, "campaigns", solutionArn=RUN.state["solution_hrnn"]),
                 [], "list_campaigns of another solution")
    expect_error("ResourceAlreadyExistsException", pz.create_campaign, contains=(name,),
                 name=name, solutionVersionArn=version_arn)


def check_recommendations():
    """GetRecommendations from the popularity campaign: the popular list for anyone, no scores."""
    rt = RUN.runtime
    campaign_arn = RUN.need("campaign")
    popular = workflow_data.POPULAR
    rid = re.compile(r"^RID-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

    def ids(response, what):
        items = response.get("itemList")
        check(isinstance(items, list), f"{what}: itemList should be a list, got {body(response)!r}")
        for item in items:
            check_eq(sorted(item), ["itemId"], f"{what}: keys of an item (popularity has no score)")
        return [item["itemId"] for item in items]

    response = rt.get_recommendations(campaignArn=campaign_arn, userId="u000")
    check_eq(ids(response, "get_recommendations(u000)"), popular,
             "get_recommendations(u000) without numResults (25 asked, the fixture has 10 items)")
    first_id = response.get("recommendationId")
    check(isinstance(first_id, str) and rid.match(first_id),
          f"recommendationId should be RID-<lower-case uuid>, got {first_id!r}")
    response = rt.get_recommendations(campaignArn=campaign_arn, userId="u000")
    check(response.get("recommendationId") != first_id,
          f"two calls got the same recommendationId {first_id!r}")
    for n in (1, 3, 10, 25, 500):
        response = rt.get_recommendations(campaignArn=campaign_arn, userId="u000", numResults=n)
        check_eq(ids(response, f"get_recommendations(numResults={n})"), popular[:n],
                 f"get_recommendations(numResults={n})")
    for user in ("u099", RUN.name("unknown-user")):
        response = rt.get_recommendations(campaignArn=campaign_arn, userId=user)
        check_eq(ids(response, f"get_recommendations({user})"), popular,
                 f"get_recommendations(userId={user!r})")

    expect_error("InvalidInputException", rt.get_recommendations, contains=("numResults",),
                 campaignArn=campaign_arn, userId="u000", numResults=501)
    expect_error("InvalidInputException", rt.get_recommendations, contains=("userId",),
                 campaignArn=campaign_arn)
    expect_error("InvalidInputException", rt.get_personalized_ranking, campaignArn=campaign_arn,
                 userId="u000", inputList=["a01", "z"])


def check_import_failures():
    """Bad files fail the import job with the file, line and column, the dataset keeps its data:
    a new version trained afterwards has the metrics of the whole fixture again."""
    pz = RUN.pz
    dataset_arn, solution_arn, first_import = RUN.need("dataset_interactions", "solution_pop",
                                                       "import_job")
    broken = os.path.join(RUN.tmp, "broken.csv")
    workflow_data.write_broken(broken)
    no_item_id = os.path.join(RUN.tmp, "no-item-id.csv")
    workflow_data.write_without_item_id(no_item_id)

    broken_job = start_import("broken", dataset_arn, file_uri(broken), importMode="FULL",
                              roleArn=ROLE_ARN)
    reason = wait_done("dataset-import-job", broken_job, "CREATE FAILED").get("failureReason")
    want = f"{broken} line {workflow_data.BROKEN_LINE}, column {workflow_data.BROKEN_COLUMN}:"
    check(reason.startswith(want), f"failureReason of the broken import should start {want!r}, "
                                   f"got {reason!r}")
    check("is 300 characters long; at most 256 are allowed" in reason,
          f"failureReason of the broken import should give the length and the limit, got {reason!r}")
    missing_job = start_import("no-item-id", dataset_arn, file_uri(no_item_id), roleArn=ROLE_ARN)
    missing_reason = wait_done("dataset-import-job", missing_job, "CREATE FAILED").get(
        "failureReason")
    for part in (no_item_id, "Input CSV is missing the following columns:[ITEM_ID]"):
        check(part in missing_reason, f"failureReason of the import without ITEM_ID should "
                                      f"contain {part!r}, got {missing_reason!r}")

    check_eq(describe("dataset", dataset_arn).get("status"), "ACTIVE",
             "describe_dataset status after the failed imports")
    listed = {j["datasetImportJobArn"]: (j.get("status"), j.get("failureReason"))
              for j in list_all(pz.list_dataset_import_jobs, "datasetImportJobs",
                                datasetArn=dataset_arn)}
    check_eq(listed, {first_import: ("ACTIVE", None), broken_job: ("CREATE FAILED", reason),
                      missing_job: ("CREATE FAILED", missing_reason)},
             "list_dataset_import_jobs status/failureReason")

    version_arn, _ = train(solution_arn, "ACTIVE")
    metrics = check_fixture_metrics(version_arn, "version trained after the failed imports")
    if "metrics_pop" in RUN.state:
        check_eq(metrics, RUN.state["metrics_pop"], "metrics before and after the failed imports")
    return f"{reason!r}; {missing_reason!r}"


def check_campaign_update():
    """UpdateCampaign to the second version, then DeleteCampaign."""
    pz = RUN.pz
    campaign_arn, solution_arn, first, second = RUN.need("campaign", "solution_pop",
                                                         "version_pop", "version_pop2")
    response = pz.update_campaign(campaignArn=campaign_arn, solutionVersionArn=second)
    check_eq(response.get("campaignArn"), campaign_arn, "update_campaign campaignArn")
    deadline = time.monotonic() + WAIT_TIMEOUT
    seen = []
    while True:
        campaign = describe("campaign", campaign_arn)
        update = campaign.get("latestCampaignUpdate", {})
        status = update.get("status")
        if not seen or seen[-1] != status:
            seen.append(status)
        check(status in ACTIVE_PATH, f"latestCampaignUpdate.status {status!r} (seen {seen}); "
                                     f"failureReason={update.get('failureReason')!r}")
        check_eq(campaign.get("status"), "ACTIVE", "describe_campaign status during the update")
        if status == "ACTIVE":
            break
        check(time.monotonic() < deadline,
              f"latestCampaignUpdate still {status!r} after {WAIT_TIMEOUT:.0f} s (seen {seen})")
        time.sleep(POLL_INTERVAL)
    check_eq(update.get("solutionVersionArn"), second,
             "describe_campaign latestCampaignUpdate.solutionVersionArn")
    check_eq(campaign.get("solutionVersionArn"), second,
             "describe_campaign solutionVersionArn after the update")
    response = RUN.runtime.get_recommendations(campaignArn=campaign_arn, userId="u000")
    check_eq([i.get("itemId") for i in response.get("itemList", [])], workflow_data.POPULAR,
             "get_recommendations after the update")

    pz.delete_campaign(campaignArn=campaign_arn)
    wait_gone("campaign", campaign_arn)
    check_not_found(pz.delete_campaign, "campaignArn", campaign_arn)
    expect_error("ResourceNotFoundException", RUN.runtime.get_recommendations,
                 contains=(campaign_arn,), http_status=404, campaignArn=campaign_arn,
                 userId="u000")
    check_eq(list_all(pz.list_campaigns, "campaigns", solutionArn=solution_arn), [],
             "list_campaigns after the delete")
    for version_arn in (first, second):
        check_eq(describe("solution-version", version_arn).get("status"), "ACTIVE",
                 f"solution version {version_arn} after its campaign was deleted")
    return f"seen {' -> '.join(seen)}"


def check_import_modes():
    """FULL replaces a dataset's data and INCREMENTAL adds to it, seen through training in group 2:
    half the users (FULL, from a file:// folder of two files, no roleArn) plus the other half
    (INCREMENTAL, from a plain absolute path) train like the whole fixture; a FULL import of the
    first half alone then leaves 500 interactions, too few to train."""
    pz = RUN.pz
    g2, dataset_arn = RUN.need("group2", "dataset_group2")
    users = workflow_data.USERS
    first, second = users[:len(users) // 2], users[len(users) // 2:]
    folder = os.path.join(RUN.tmp, "first-half")
    os.makedirs(folder)
    workflow_data.write_csv(os.path.join(folder, "part-1.csv"), users=first[:25])
    workflow_data.write_csv(os.path.join(folder, "part-2.csv"), users=first[25:])
    second_path = os.path.join(RUN.tmp, "second-half.csv")
    workflow_data.write_csv(second_path, users=second)

    expect_error("InvalidInputException", pz.create_dataset_import_job, contains=("INCREMENTAL",),
                 jobName=RUN.name("incremental-first"), datasetArn=dataset_arn,
                 dataSource={"dataLocation": second_path}, roleArn=ROLE_ARN,
                 importMode="INCREMENTAL")
    check_eq(list_all(pz.list_dataset_import_jobs, "datasetImportJobs", datasetArn=dataset_arn),
             [], "list_dataset_import_jobs after the refused INCREMENTAL import")

    full_job = start_import("first-half", dataset_arn, file_uri(folder, folder=True))
    job = wait_done("dataset-import-job", full_job, "ACTIVE")
    check("roleArn" not in job, f"import without roleArn: describe should have no roleArn, got "
                                f"{job.get('roleArn')!r}")
    check_eq(job.get("importMode"), "FULL", "describe_dataset_import_job importMode")
    incremental_job = start_import("second-half", dataset_arn, second_path, roleArn=ROLE_ARN,
                                   importMode="INCREMENTAL")
    job = wait_done("dataset-import-job", incremental_job, "ACTIVE")
    check_eq(job.get("importMode"), "INCREMENTAL", "describe_dataset_import_job importMode")
    check_eq(job.get("dataSource"), {"dataLocation": second_path},
             "describe_dataset_import_job dataSource (a plain path)")

    solution_arn = create_popularity_solution("popularity-2", g2)
    version_arn, _ = train(solution_arn, "ACTIVE")
    check_fixture_metrics(version_arn, "FULL first half + INCREMENTAL second half")

    again_job = start_import("first-half-again", dataset_arn, file_uri(folder, folder=True),
                             importMode="FULL")
    wait_done("dataset-import-job", again_job, "ACTIVE")
    _, version = train(solution_arn, "CREATE FAILED")
    check_eq(version.get("failureReason"), min_data_reason(len(first) * 10),
             "failureReason after a FULL import of half the users replaced the data")


def check_batch_inference_jobs():
    """A job on an ACTIVE version has every API field; its input is in a bucket that does not
    exist, so it ends CREATE FAILED naming the input path (boto3_batch.py runs real jobs)."""
    pz = RUN.pz
    version_arn = RUN.need("version_pop")
    name = RUN.name("batch")
    job_input = {"s3DataSource": {"path": "s3://tastemaker-test-bucket/batch/users.json"}}
    job_output = {"s3DataDestination": {"path": "s3://tastemaker-test-bucket/batch/out/"}}
    job_arn = RUN.track(pz.create_batch_inference_job(
        jobName=name, solutionVersionArn=version_arn, numResults=10, jobInput=job_input,
        jobOutput=job_output, roleArn=ROLE_ARN).get("batchInferenceJobArn"))
    check_eq(job_arn, arn("batch-inference-job", name), "create_batch_inference_job ARN")
    job = describe("batch-inference-job", job_arn)
    check_eq(job.get("jobName"), name, "describe_batch_inference_job jobName")
    check_eq(job.get("batchInferenceJobArn"), job_arn, "describe_batch_inference_job ARN")
    check_eq(job.get("solutionVersionArn"), version_arn,
             "describe_batch_inference_job solutionVersionArn")
    check_eq(job.get("numResults"), 10, "describe_batch_inference_job numResults")
    check_eq(job.get("jobInput"), job_input, "describe_batch_inference_job jobInput")
    check_eq(job.get("jobOutput"), job_output, "describe_batch_inference_job jobOutput")
    check_eq(job.get("roleArn"), ROLE_ARN, "describe_batch_inference_job roleArn")
    check(job.get("status") in JOB_PATH, f"batch inference job status {job.get('status')!r}")
    check_common_fields(job, f"batch inference job {name}")

    listed = list_all(pz.list_batch_inference_jobs, "batchInferenceJobs",
                      solutionVersionArn=version_arn)
    check_eq([j["batchInferenceJobArn"] for j in listed], [job_arn],
             f"list_batch_inference_jobs(solutionVersionArn={version_arn})")
    check_list_errors(pz.list_batch_inference_jobs, solutionVersionArn=version_arn)

    expect_error("ResourceAlreadyExistsException", pz.create_batch_inference_job,
                 contains=(name,), jobName=name, solutionVersionArn=version_arn,
                 jobInput=job_input, jobOutput=job_output, roleArn=ROLE_ARN)
    expect_error("InvalidInputException", pz.create_batch_inference_job,
                 contains=("'ftp://bucket/in.json'",), jobName=RUN.name("ftp-batch"),
                 solutionVersionArn=version_arn,
                 jobInput={"s3DataSource": {"path": "ftp://bucket/in.json"}},
                 jobOutput=job_output, roleArn=ROLE_ARN)
    missing_version = version_arn.rsplit("/", 1)[0] + "/00000000"
    expect_error("ResourceNotFoundException", pz.create_batch_inference_job,
                 contains=(missing_version,), jobName=RUN.name("no-version"),
                 solutionVersionArn=missing_version, jobInput=job_input, jobOutput=job_output,
                 roleArn=ROLE_ARN)
    check_not_found(pz.describe_batch_inference_job, "batchInferenceJobArn",
                    arn("batch-inference-job", RUN.name("missing")))

    # The input cannot be read: the job must end, and say why.
    reason = wait_done("batch-inference-job", job_arn, "CREATE FAILED").get("failureReason")
    check("s3://tastemaker-test-bucket/batch/users.json" in reason,
          f"batch inference job failureReason should name the unreadable input, got {reason!r}")
    summary = pz.list_batch_inference_jobs(solutionVersionArn=version_arn)["batchInferenceJobs"][0]
    check_eq((summary.get("status"), summary.get("failureReason")), ("CREATE FAILED", reason),
             "list_batch_inference_jobs status/failureReason")
    return f"CREATE FAILED, {reason!r}"


def check_filters():
    pz = RUN.pz
    g1 = RUN.need("group1")
    RUN.need("dataset_interactions", "dataset_items")
    specs = [
        (RUN.name("exclude-clicked"), 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("click")',
         [{"tagKey": "purpose", "tagValue": "test"}]),
        (RUN.name("genres"), "INCLUDE ItemID WHERE Items.GENRES IN ($GENRES)", []),
    ]
    arns = []
    for name, expression, tags in specs:
        kwargs = dict(name=name, datasetGroupArn=g1, filterExpression=expression)
        if tags:
            kwargs["tags"] = tags
        filter_arn = RUN.track(pz.create_filter(**kwargs).get("filterArn"))
        check_eq(filter_arn, arn("filter", name), "create_filter filterArn")
        arns.append(filter_arn)
    for (name, expression, _), filter_arn in zip(specs, arns):
        described = wait_active("filter", filter_arn)
        check_eq(described.get("name"), name, "describe_filter name")
        check_eq(described.get("filterArn"), filter_arn, "describe_filter filterArn")
        check_eq(described.get("datasetGroupArn"), g1, "describe_filter datasetGroupArn")
        check_eq(described.get("filterExpression"), expression, "describe_filter filterExpression")
        check_common_fields(described, f"filter {name}")
    RUN.state["filters"] = arns

    response = pz.list_filters(datasetGroupArn=g1)
    check("Filters" in response, f"list_filters: list key should be 'Filters', got "
                                 f"{list(body(response))}")
    listed = {f["filterArn"]: f for f in list_all(pz.list_filters, "Filters", datasetGroupArn=g1)}
    check_eq(sorted(listed), sorted(arns), f"list_filters(datasetGroupArn={g1})")
    check_eq(listed[arns[0]].get("status"), "ACTIVE", "list_filters status")
    check_eq(listed[arns[0]].get("datasetGroupArn"), g1, "list_filters datasetGroupArn")
    check_paging(pz.list_filters, "Filters", "filterArn", expected=arns, datasetGroupArn=g1)
    check_list_errors(pz.list_filters, datasetGroupArn=g1)

    expect_error("ResourceAlreadyExistsException", pz.create_filter, contains=(specs[0][0],),
                 name=specs[0][0], datasetGroupArn=g1, filterExpression=specs[0][1])
    missing_group = arn("dataset-group", RUN.name("missing"))
    expect_error("ResourceNotFoundException", pz.create_filter, contains=(missing_group,),
                 name=RUN.name("filter-no-group"), datasetGroupArn=missing_group,
                 filterExpression=specs[0][1])
    expect_error("InvalidInputException", pz.create_filter,
                 contains=("'filterExpression'", "length less than or equal to 2500"),
                 name=RUN.name("long-filter"), datasetGroupArn=g1,
                 filterExpression='EXCLUDE ItemID WHERE Items.GENRES IN ("' + "x" * 2500 + '")')
    check_not_found(pz.describe_filter, "filterArn", arn("filter", RUN.name("missing")))


def check_event_trackers():
    pz = RUN.pz
    g1, g2 = RUN.need("group1", "group2")
    name = RUN.name("tracker")
    response = pz.create_event_tracker(name=name, datasetGroupArn=g1,
                                       tags=[{"tagKey": "stream", "tagValue": "web"}])
    tracker_arn = RUN.track(response.get("eventTrackerArn"))
    tracking_id = response.get("trackingId")
    check_eq(tracker_arn, arn("event-tracker", name), "create_event_tracker eventTrackerArn")
    check(isinstance(tracking_id, str) and UUID_RE.match(tracking_id),
          f"create_event_tracker trackingId should be a lower-case UUID, got {tracking_id!r}")
    tracker = wait_active("event-tracker", tracker_arn)
    check_eq(tracker.get("name"), name, "describe_event_tracker name")
    check_eq(tracker.get("eventTrackerArn"), tracker_arn, "describe_event_tracker eventTrackerArn")
    check_eq(tracker.get("trackingId"), tracking_id, "describe_event_tracker trackingId")
    check_eq(tracker.get("accountId"), ACCOUNT, "describe_event_tracker accountId")
    check_eq(tracker.get("datasetGroupArn"), g1, "describe_event_tracker datasetGroupArn")
    check_common_fields(tracker, f"event tracker {name}")
    RUN.state["tracker"], RUN.state["tracking_id"] = tracker_arn, tracking_id

    listed = list_all(pz.list_event_trackers, "eventTrackers", datasetGroupArn=g1)
    check_eq([t["eventTrackerArn"] for t in listed], [tracker_arn],
             f"list_event_trackers(datasetGroupArn={g1})")
    check_eq(listed[0].get("status"), "ACTIVE", "list_event_trackers status")
    check_eq(list_all(pz.list_event_trackers, "eventTrackers", datasetGroupArn=g2), [],
             f"list_event_trackers(datasetGroupArn={g2})")
    check_list_errors(pz.list_event_trackers, datasetGroupArn=g1)

    expect_error("ResourceAlreadyExistsException", pz.create_event_tracker, contains=(g1,),
                 name=RUN.name("second-tracker"), datasetGroupArn=g1)
    expect_error("ResourceAlreadyExistsException", pz.create_event_tracker, contains=(name,),
                 name=name, datasetGroupArn=g2)
    missing_group = arn("dataset-group", RUN.name("missing"))
    expect_error("ResourceNotFoundException", pz.create_event_tracker, contains=(missing_group,),
                 name=RUN.name("tracker-no-group"), datasetGroupArn=missing_group)
    check_not_found(pz.describe_event_tracker, "eventTrackerArn",
                    arn("event-tracker", RUN.name("missing")))


def check_tags_group():
    pz = RUN.pz
    g1 = RUN.need("group1")
    check_tags(g1, {"team": "py"})
    pz.tag_resource(resourceArn=g1, tags=[{"tagKey": "env", "tagValue": "test"},
                                          {"tagKey": "owner", "tagValue": "tastemaker"}])
    check_tags(g1, {"team": "py", "env": "test", "owner": "tastemaker"})
    pz.tag_resource(resourceArn=g1, tags=[{"tagKey": "env", "tagValue": "prod"}])
    check_tags(g1, {"team": "py", "env": "prod", "owner": "tastemaker"})
    pz.untag_resource(resourceArn=g1, tagKeys=["owner"])
    check_tags(g1, {"team": "py", "env": "prod"})

    too_many = [{"tagKey": f"k{i:02d}", "tagValue": "v"} for i in range(51)]
    expect_error("TooManyTagsException", pz.tag_resource, contains=(g1,), resourceArn=g1,
                 tags=too_many)
    check_tags(g1, {"team": "py", "env": "prod"})  # nothing of the refused call stuck
    expect_error("InvalidInputException", pz.tag_resource, contains=("'bad#key'", "tagKey"),
                 resourceArn=g1, tags=[{"tagKey": "bad#key", "tagValue": "v"}])
    missing = arn("dataset-group", RUN.name("missing"))
    expect_error("ResourceNotFoundException", pz.tag_resource, contains=(missing,),
                 resourceArn=missing, tags=[{"tagKey": "a", "tagValue": "b"}])
    expect_error("ResourceNotFoundException", pz.untag_resource, contains=(missing,),
                 resourceArn=missing, tagKeys=["a"])
    check_not_found(pz.list_tags_for_resource, "resourceArn", missing)

    # Tags given to Create* calls.
    for key, tags in (("dataset_interactions", {"kind": "interactions"}),
                      ("solution_hrnn", {"recipe": "hrnn"}),
                      ("tracker", {"stream": "web"})):
        if key in RUN.state:
            check_tags(RUN.state[key], tags)
    if "filters" in RUN.state:
        check_tags(RUN.state["filters"][0], {"purpose": "test"})
        check_tags(RUN.state["filters"][1], {})


def check_runtime():
    missing = arn("campaign", RUN.name("missing"))
    expect_error("ResourceNotFoundException", RUN.runtime.get_recommendations,
                 contains=(missing,), http_status=404, campaignArn=missing, userId="user-1")


def check_events():
    # The events model caps eventList at 10; boto3 does not check max, the server must.
    events = [{"eventType": "click", "itemId": f"item-{i}", "sentAt": datetime.datetime(2024, 1, 1)}
              for i in range(11)]
    expect_error("InvalidInputException", RUN.events.put_events, contains=("eventList",),
                 http_status=400, trackingId=RUN.state.get("tracking_id", "no-tracker"),
                 userId="user-1", sessionId="session-1", eventList=events)


def check_deletes():
    """Deletes what this run made (including anything a wrongly accepted create left behind),
    children first; each resource goes DELETE PENDING, then Describe* says it is not found."""
    pz = RUN.pz
    g1, g2 = RUN.need("group1", "group2")

    def delete_and_wait(kind, fn, member, resource_arn):
        fn(**{member: resource_arn})
        wait_gone(kind, resource_arn)
        check_not_found(fn, member, resource_arn)

    for kind, fn, member in (("campaign", pz.delete_campaign, "campaignArn"),
                             ("filter", pz.delete_filter, "filterArn"),
                             ("event-tracker", pz.delete_event_tracker, "eventTrackerArn"),
                             ("solution", pz.delete_solution, "solutionArn")):
        for resource_arn in created_by_run(kind):
            delete_and_wait(kind, fn, member, resource_arn)
    if "solution_hrnn" in RUN.state:
        expect_error("ResourceNotFoundException", pz.list_solution_versions,
                     contains=(RUN.state["solution_hrnn"],), solutionArn=RUN.state["solution_hrnn"])
    datasets = created_by_run("dataset")
    for dataset_arn in datasets:
        pz.delete_dataset(datasetArn=dataset_arn)
    for dataset_arn in datasets:
        wait_gone("dataset", dataset_arn)
        check_not_found(pz.delete_dataset, "datasetArn", dataset_arn)
    check_eq(list_all(pz.list_datasets, "datasets", datasetGroupArn=g1), [],
             "list_datasets after the deletes")
    groups = created_by_run("dataset-group")
    for group_arn in groups:
        pz.delete_dataset_group(datasetGroupArn=group_arn)
    for group_arn in groups:
        wait_gone("dataset-group", group_arn)
        check_not_found(pz.delete_dataset_group, "datasetGroupArn", group_arn)
    remaining = {g["datasetGroupArn"] for g in list_all(pz.list_dataset_groups, "datasetGroups")}
    check(g1 not in remaining and g2 not in remaining,
          "list_dataset_groups still lists a deleted group")
    for schema_arn in created_by_run("schema"):
        pz.delete_schema(schemaArn=schema_arn)
        RUN.deleted.add(schema_arn)
        check_not_found(pz.describe_schema, "schemaArn", schema_arn)


GROUPS = [
    ("recipes", check_recipes),
    ("schemas", check_schemas),
    ("dataset groups", check_dataset_groups),
    ("datasets", check_datasets),
    ("unique dataset names", check_dataset_names_unique),
    ("solutions", check_solutions),
    ("import jobs", check_import_jobs),
    ("solution versions (too little data)", check_solution_versions),
    ("training", check_training),
    ("minimum data", check_minimum_data),
    ("campaign errors", check_campaign_errors),
    ("campaigns", check_campaigns),
    ("recommendations", check_recommendations),
    ("import failures", check_import_failures),
    ("campaign update and delete", check_campaign_update),
    ("import modes", check_import_modes),
    ("batch inference jobs (not available yet)", check_batch_inference_jobs),
    ("filters", check_filters),
    ("event trackers", check_event_trackers),
    ("tags", check_tags_group),
    ("runtime", check_runtime),
    ("events", check_events),
    ("deletes", check_deletes),
]


# --------------------------------------------------------------------------------------------
# cleanup and main

CLEANUP_ORDER = ["campaign", "filter", "event-tracker", "solution", "dataset", "dataset-group",
                 "schema"]


def cleanup():
    """Best effort: deletes what this run created and a failed check left behind."""
    pz = RUN.pz
    ops = {
        "campaign": (pz.delete_campaign, "campaignArn"),
        "filter": (pz.delete_filter, "filterArn"),
        "event-tracker": (pz.delete_event_tracker, "eventTrackerArn"),
        "solution": (pz.delete_solution, "solutionArn"),
        "dataset": (pz.delete_dataset, "datasetArn"),
        "dataset-group": (pz.delete_dataset_group, "datasetGroupArn"),
        "schema": (pz.delete_schema, "schemaArn"),
    }
    left = sum(len(created_by_run(kind)) for kind in CLEANUP_ORDER)
    problems = []
    for kind in CLEANUP_ORDER:
        fn, member = ops[kind]
        for resource_arn in created_by_run(kind):
            deadline = time.monotonic() + WAIT_TIMEOUT
            while True:
                try:
                    fn(**{member: resource_arn})
                except botocore.exceptions.ClientError as e:
                    code = e.response["Error"].get("Code")
                    if code == "ResourceNotFoundException":
                        break
                    if code == "ResourceInUseException" and time.monotonic() < deadline:
                        time.sleep(0.5)  # a dependant is still being deleted
                        continue
                    problems.append(f"{resource_arn}: {code}")
                    break
                except Exception as e:  # noqa: BLE001 - best effort
                    problems.append(f"{resource_arn}: {e!r}")
                    break
                if kind == "schema":
                    break
                try:
                    wait_gone(kind, resource_arn)
                except Exception as e:  # noqa: BLE001 - best effort
                    problems.append(f"{resource_arn}: {e}")
                break
    return left, problems


def main(argv):
    global RUN
    if len(argv) != 2 or not argv[1].startswith(("http://", "https://")):
        print(f"usage: {argv[0]} http://127.0.0.1:PORT", file=sys.stderr)
        return 2
    # A developer's profile settings must not leak in (a missing AWS_PROFILE would even stop
    # the clients from being made); the endpoint and the keys are given explicitly.
    for variable in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL"):
        os.environ.pop(variable, None)
    RUN = Run(argv[1].rstrip("/"))
    started = time.monotonic()
    print(f"boto3 {boto3.__version__} / botocore {botocore.__version__} against {RUN.url}, "
          f"prefix {RUN.prefix}")
    try:
        RUN.pz.list_recipes()
    except botocore.exceptions.ClientError:
        pass  # the server answers; the recipes group says whether the answer is right
    except botocore.exceptions.BotoCoreError as e:
        print(f"FAIL cannot reach the server at {RUN.url}: {e}")
        return 1
    failed, skipped = [], []
    RUN.tmp = tempfile.mkdtemp(prefix=f"tastemaker-{RUN.prefix}")
    try:
        for label, fn in GROUPS:
            RUN.checks = 0
            t0 = time.monotonic()
            try:
                note = fn()
            except Skipped as e:
                skipped.append(label)
                print(f"SKIP {label}: {e}")
                continue
            except CheckFailed as e:
                failed.append(label)
                print(f"FAIL {label}: {e}")
                continue
            except botocore.exceptions.ClientError as e:
                failed.append(label)
                error = e.response.get("Error", {})
                status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
                print(f"FAIL {label}: unexpected {error.get('Code')} (HTTP {status}) from "
                      f"{e.operation_name}: {error.get('Message')!r}")
                continue
            except Exception as e:  # noqa: BLE001 - report and go on with the next group
                failed.append(label)
                print(f"FAIL {label}: {type(e).__name__}: {e}")
                traceback.print_exc()
                continue
            extra = f" [{note}]" if note else ""
            print(f"ok   {label} ({RUN.checks} checks, {time.monotonic() - t0:.1f} s){extra}")
    finally:
        left, problems = cleanup()
        if problems:
            print(f"cleanup: could not delete {len(problems)} of {left} leftovers: "
                  f"{'; '.join(problems)}")
        shutil.rmtree(RUN.tmp, ignore_errors=True)
    elapsed = time.monotonic() - started
    if failed or skipped:
        print(f"boto3 control plane: FAILED ({len(failed)} failed: {', '.join(failed) or '-'}; "
              f"{len(skipped)} skipped: {', '.join(skipped) or '-'}) in {elapsed:.1f} s")
        return 1
    print(f"boto3 control plane: all {len(GROUPS)} groups passed in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
