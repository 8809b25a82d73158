#!/usr/bin/env bash
# TestState through the AWS CLI against `nestflow serve`, unchanged but for --endpoint-url:
# a Pass with Parameters at DEBUG, a Task with a mocked error and a Retry (RETRIABLE), the same
# Task with its Retrier spent (CAUGHT_ERROR and the Catcher's Next), and bad input's error types.
# Usage: test-state.sh ENDPOINT_URL   (credentials: any; region: us-east-1 unless set)
set -euo pipefail
endpoint="$1"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" AWS_PAGER=""
# TestState, like StartSyncExecution, goes to the host sync-<host>: a local endpoint has none
export AWS_DISABLE_HOST_PREFIX_INJECTION=true
sfn() { aws stepfunctions --endpoint-url "$endpoint" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() { [ "$2" = "$3" ] || fail "$1: expected '$3', got '$2'"; }

pass='{"Type":"Pass","InputPath":"$.order","Parameters":{"id.$":"$.id","kind":"book"},"ResultPath":"$.picked","Next":"Ship"}'
got=$(sfn test-state --definition "$pass" --input '{"order":{"id":7}}' --inspection-level DEBUG \
  --query '[status,nextState,inspectionData.afterInputPath,inspectionData.afterParameters,output]' --output text)
expect "Pass at DEBUG" "$got" "$(printf 'SUCCEEDED\tShip\t{"id":7}\t{"id":7,"kind":"book"}\t{"order":{"id":7},"picked":{"id":7,"kind":"book"}}')"

task='{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload.$":"$"},"Retry":[{"ErrorEquals":["Lambda.TooManyRequestsException"],"IntervalSeconds":2,"BackoffRate":2,"MaxAttempts":2}],"Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.failure","Next":"Recover"}],"Next":"Done"}'
mock='{"errorOutput":{"error":"Lambda.TooManyRequestsException","cause":"slow down"}}'
got=$(sfn test-state --definition "$task" --mock "$mock" --inspection-level DEBUG \
  --query '[status,error,cause,inspectionData.errorDetails.retryIndex,inspectionData.errorDetails.retryBackoffIntervalSeconds]' --output text)
expect "Task with a Retry" "$got" "$(printf 'RETRIABLE\tLambda.TooManyRequestsException\tslow down\t0\t2')"

got=$(sfn test-state --definition "$task" --mock "$mock" --input '{"id":3}' --state-configuration retrierRetryCount=2 \
  --query '[status,nextState,error,output]' --output text)
expect "Task with a Catch" "$got" "$(printf 'CAUGHT_ERROR\tRecover\tLambda.TooManyRequestsException\t{"id":3,"failure":{"Error":"Lambda.TooManyRequestsException","Cause":"slow down"}}')"

machine='{"StartAt":"A","States":{"A":{"Type":"Pass","Result":1,"Next":"B"},"B":{"Type":"Pass","End":true}}}'
got=$(sfn test-state --definition "$machine" --state-name A --query '[status,nextState,output]' --output text)
expect "a state of a whole machine" "$got" "$(printf 'SUCCEEDED\tB\t1')"

refused() {
  local out
  if out=$(sfn test-state "$@" 2>&1); then fail "accepted: $*"; fi
  printf '%s' "$out"
}
refused --definition '{"Type":"Pass"' | grep -q "InvalidDefinition" || fail "broken definition"
refused --definition "$pass" --input '{oops' | grep -q "InvalidExecutionInput" || fail "broken input"
refused --definition "$task" | grep -q "ValidationException" || fail "Task without a mock"
echo "test-state.sh: OK"
