#!/usr/bin/env bash
# Step Functions Local's mocked service integrations through `nestflow serve`, driven by the AWS CLI
# as its documentation does: the LambdaSQSIntegration sample (examples/mock-config), started with
# #HappyPath, #RetryPath and #HybridPath appended to the state machine ARN.
# Usage: mock-config.sh ENDPOINT_URL EXAMPLE_DIR   (serve must have been started with that
# directory's MockConfigFile.json)
set -euo pipefail
endpoint="$1"
dir="$2"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-test}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-test}"
export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}" AWS_PAGER=""
sfn() { aws stepfunctions --endpoint-url "$endpoint" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
run=$RANDOM$RANDOM

machine=$(sfn create-state-machine --name LambdaSQSIntegration --query stateMachineArn --output text \
  --role-arn arn:aws:iam::123456789012:role/service-role/LambdaSQSIntegration \
  --definition "file://$dir/LambdaSQSIntegration.asl.json")
[ "$machine" = "arn:aws:states:us-east-1:123456789012:stateMachine:LambdaSQSIntegration" ] || fail "machine $machine"

# waits for the end of an execution; prints its status
finish() {
  local status=RUNNING
  for _ in $(seq 1 600); do
    status=$(sfn describe-execution --execution-arn "$1" --query status --output text)
    [ "$status" != RUNNING ] && break
    sleep 0.1
  done
  echo "$status"
}

start() {
  sfn start-execution --state-machine-arn "$machine#$1" --name "$1-$run" --query executionArn --output text
}

happy=$(start HappyPath)
[ "$happy" = "arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:HappyPath-$run" ] || fail "execution ARN $happy"
retry=$(start RetryPath)
hybrid=$(start HybridPath)

[ "$(finish "$happy")" = SUCCEEDED ] || fail "HappyPath did not succeed"
output=$(sfn describe-execution --execution-arn "$happy" --query output --output text)
[ "$output" = '{"MD5OfMessageBody":"3bcb6e8e-7h85-4375-b0bc-1a59812c6e51","MessageId":"3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}' ] \
  || fail "HappyPath output $output"
sqs_input=$(sfn get-execution-history --execution-arn "$happy" --output text \
  --query "events[?type=='TaskStateEntered' && stateEnteredEventDetails.name=='SQSState'].stateEnteredEventDetails.input")
[ "$sqs_input" = '{"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}}' ] || fail "SQSState input $sqs_input"
resource=$(sfn get-execution-history --execution-arn "$happy" --output text \
  --query "events[?type=='TaskSucceeded'] | [1].taskSucceededEventDetails.[resourceType,resource]")
[ "$resource" = "$(printf 'sqs\tsendMessage')" ] || fail "SQSState TaskSucceeded resource $resource"

[ "$(finish "$retry")" = SUCCEEDED ] || fail "RetryPath did not succeed"
errors=$(sfn get-execution-history --execution-arn "$retry" --output text \
  --query "events[?type=='TaskFailed'].taskFailedEventDetails.error")
[ "$errors" = "$(printf 'Lambda.ResourceNotReadyException\tLambda.TimeoutException\tLambda.TimeoutException')" ] \
  || fail "RetryPath errors $errors"

# HybridPath: LambdaState is mocked, SQSState calls the real integration (whatever serve was given for SQS)
finish "$hybrid" > /dev/null
lambda_out=$(sfn get-execution-history --execution-arn "$hybrid" --output text \
  --query "events[?type=='TaskSucceeded'] | [0].taskSucceededEventDetails.output")
[ "$lambda_out" = '{"StatusCode":200,"Payload":{"StatusCode":200,"body":"Hello from Lambda!"}}' ] || fail "HybridPath Lambda $lambda_out"
sqs_answer=$(sfn get-execution-history --execution-arn "$hybrid" --output json \
  --query "events[?type=='TaskSucceeded' || type=='TaskFailed'] | [1]")
case "$sqs_answer" in
  *3bcb6e8e-8b51-4375-b0bc-1a59812c6e51*) fail "HybridPath's SQSState was mocked: $sqs_answer" ;;
  *sendMessage*) ;;
  *) fail "HybridPath's SQSState did not call the SQS integration: $sqs_answer" ;;
esac

# a test case the file does not define is refused, naming those it does
if refused=$(sfn start-execution --state-machine-arn "$machine#SadPath" 2>&1); then fail "SadPath started"; fi
case "$refused" in
  *ValidationException*'no test case "SadPath"'*HappyPath*) ;;
  *) fail "SadPath refusal: $refused" ;;
esac
echo "mock-config.sh: OK"
