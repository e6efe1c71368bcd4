# Shared by the Debian AWS CLI scripts: sourced with CLI_NAME (for the last line) and CLI_PREFIX (the
# stem of the random name prefix) set, and the script's arguments. Checks usage and the Debian CLI,
# isolates the CLI's configuration in a temporary folder, and gives the helpers every script uses:
# say, fail, step, pz, rt, json, expect_eq, wait_active, and a cleanup on exit that deletes what the
# run recorded in CREATED ("kind arn", newest first) and says whether every step passed.

if [[ $# -ne 1 || ! "$1" =~ ^https?:// ]]; then
  echo "usage: $0 http://127.0.0.1:PORT" >&2
  exit 2
fi
URL="${1%/}"

if ! AWS=$(dpkg -L awscli 2>/dev/null | grep 'bin/aws$' | head -n 1) || [[ ! -x "$AWS" ]]; then
  echo "FAIL: the Debian AWS CLI v2 is not installed (apt-get install awscli)" >&2
  exit 2
fi

WORK=$(mktemp -d)
export AWS_ACCESS_KEY_ID=AKIDTEST
export AWS_SECRET_ACCESS_KEY=secret
export AWS_DEFAULT_REGION=us-east-1
export AWS_PAGER=""
export AWS_CONFIG_FILE="$WORK/config"
export AWS_SHARED_CREDENTIALS_FILE="$WORK/credentials"
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_DEFAULT_OUTPUT AWS_CA_BUNDLE || true

PREFIX="${CLI_PREFIX}-$(python3 -c 'import secrets; print(secrets.token_hex(4))')-"
RECIPES="arn:aws:personalize:::recipe"
ROLE="arn:aws:iam::000000000000:role/x"
STARTED=$SECONDS
STEP="start"
CREATED=()

say() { printf 'ok   %s\n' "$*"; }
fail() {
  printf 'FAIL %s: %s\n' "$STEP" "$*" >&2
  exit 1
}
step() { STEP="$*"; }
pz() { "$AWS" --endpoint-url "$URL" --output json personalize "$@"; }
rt() { "$AWS" --endpoint-url "$URL" --output json personalize-runtime "$@"; }
json() { python3 -c 'import json, sys; d = json.load(sys.stdin); v = eval(sys.argv[1]); print(v if isinstance(v, str) else json.dumps(v))' "$1"; }
expect_eq() { [[ "$2" == "$3" ]] || fail "$1: expected '$2', got '$3'"; }

# wait_active WHAT DESCRIBE-ARGS... : polls until ACTIVE (60 s); fails on CREATE FAILED.
wait_active() {
  local what="$1" status deadline=$((SECONDS + 60))
  shift
  while :; do
    status=$(pz "$@" --query "$what.status" --output text)
    [[ "$status" == ACTIVE ]] && return 0
    [[ "$status" == "CREATE FAILED" ]] && fail "$what failed: $(pz "$@" --query "$what.failureReason" --output text)"
    ((SECONDS < deadline)) || fail "$what still '$status' after 60 s"
    sleep 0.3
  done
}

cleanup() {
  local rc=$? entry kind arn i
  set +e
  for ((i = ${#CREATED[@]} - 1; i >= 0; i--)); do
    entry="${CREATED[$i]}"
    kind="${entry%% *}"
    arn="${entry#* }"
    for _ in $(seq 1 20); do
      pz "delete-$kind" "--$kind-arn" "$arn" >/dev/null 2>"$WORK/cleanup-err" && break
      grep -q 'ResourceNotFoundException' "$WORK/cleanup-err" && break
      sleep 1
    done
    if [[ $kind != schema ]]; then
      for _ in $(seq 1 60); do
        pz "describe-$kind" "--$kind-arn" "$arn" >/dev/null 2>&1 || break
        sleep 0.5
      done
    fi
  done
  rm -rf "$WORK"
  if [[ $rc -eq 0 ]]; then
    echo "aws cli ${CLI_NAME}: all steps passed in $((SECONDS - STARTED)) s"
  else
    echo "aws cli ${CLI_NAME}: FAILED at '$STEP' after $((SECONDS - STARTED)) s" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
