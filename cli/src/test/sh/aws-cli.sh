#!/usr/bin/env bash
# Drives `nestflow serve` through the AWS CLI, unchanged but for --endpoint-url:
# a parent starts a child with startExecution.sync:2; the child waits for a task token that a
# "worker" execution receives as input; the script answers it with send-task-success and checks
# the parent's description and history.
# Usage: aws-cli.sh ENDPOINT_URL   (credentials: any; region: us-east-1 unless set)
set -euo pipefail
endpoint="$1"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" AWS_PAGER=""
sfn() { aws stepfunctions --endpoint-url "$endpoint" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
role=arn:aws:iam::123456789012:role/nestflow-cli-test
run=$RANDOM$RANDOM

worker=$(sfn create-state-machine --name "Worker$run" --role-arn $role --query stateMachineArn --output text \
  --definition '{"StartAt":"Idle","States":{"Idle":{"Type":"Wait","Seconds":3600,"End":true}}}')
child=$(sfn create-state-machine --name "Child$run" --role-arn $role --query stateMachineArn --output text \
  --definition '{"StartAt":"Ask","States":{"Ask":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.waitForTaskToken","Parameters":{"StateMachineArn":"'"$worker"'","Name":"job-'"$run"'","Input":{"token.$":"$$.Task.Token","order.$":"$.order"}},"End":true}}}')
parent=$(sfn create-state-machine --name "Parent$run" --role-arn $role --query stateMachineArn --output text \
  --definition '{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","Parameters":{"StateMachineArn":"'"$child"'","Input":{"order.$":"$.order"}},"OutputPath":"$.Output","End":true}}}')

execution=$(sfn start-execution --state-machine-arn "$parent" --name "order-$run" --input '{"order":7}' \
  --query executionArn --output text)
[ "$execution" = "arn:aws:states:us-east-1:123456789012:execution:Parent$run:order-$run" ] || fail "execution ARN $execution"

job="${worker/:stateMachine:/:execution:}:job-$run"
token=""
for _ in $(seq 1 100); do
  if input=$(sfn describe-execution --execution-arn "$job" --query input --output text 2>/dev/null); then
    token=$(printf '%s' "$input" | sed -E 's/.*"token":"([^"]+)".*/\1/')
    break
  fi
  sleep 0.1
done
[ -n "$token" ] || fail "the worker never received a task token"

sfn send-task-heartbeat --task-token "$token"
sfn send-task-success --task-token "$token" --task-output '{"shipped":true}'

status=RUNNING
for _ in $(seq 1 100); do
  status=$(sfn describe-execution --execution-arn "$execution" --query status --output text)
  [ "$status" = RUNNING ] || break
  sleep 0.1
done
[ "$status" = SUCCEEDED ] || fail "parent ended $status"
output=$(sfn describe-execution --execution-arn "$execution" --query output --output text)
[ "$output" = '{"shipped":true}' ] || fail "parent output $output"

types=$(sfn get-execution-history --execution-arn "$execution" --query 'events[].type' --output text | tr '\t' ' ')
[ "$types" = "ExecutionStarted TaskStateEntered TaskScheduled TaskStarted TaskSubmitted TaskSucceeded TaskStateExited ExecutionSucceeded" ] \
  || fail "parent history: $types"
first=$(sfn get-execution-history --execution-arn "$execution" --reverse-order --max-results 1 --query 'events[0].type' --output text)
[ "$first" = ExecutionSucceeded ] || fail "reverse history starts with $first"

if sfn send-task-success --task-token "$token" --task-output '{}' 2>/tmp/nestflow-aws-cli-$run.err; then
  fail "a second answer to the same token was accepted"
fi
grep -q TaskTimedOut /tmp/nestflow-aws-cli-$run.err || fail "second answer: $(cat /tmp/nestflow-aws-cli-$run.err)"
rm -f /tmp/nestflow-aws-cli-$run.err
sfn stop-execution --execution-arn "$job" >/dev/null
echo "aws-cli.sh: OK ($execution)"
