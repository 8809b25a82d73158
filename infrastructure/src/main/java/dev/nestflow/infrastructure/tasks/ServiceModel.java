package dev.nestflow.infrastructure.tasks;

import java.util.Map;

/**
 * What calling one AWS service takes, for the services Step Functions' integrations reach: its
 * names (the {@code aws-sdk:<name>} of Task resources, the endpoint prefix, the SigV4 signing name,
 * the {@code AWS_ENDPOINT_URL_<ID>} suffix, the AWS SDK for Java v2 class prefix that {@code aws-sdk}
 * errors carry), its protocol and the error codes the SDK models as exception classes (code ->
 * class name; any other code is the SDK's generic {@code <Prefix>Exception}).
 */
record ServiceModel(
    String sdkName, String endpointPrefix, String signingName, String envId, String errorPrefix,
    Protocol protocol, String target, Map<String, String> modeled) {

  /** How requests are written: AWS JSON 1.0/1.1 ({@code target} is the X-Amz-Target prefix), AWS query, S3's REST-XML. */
  enum Protocol { JSON_1_0, JSON_1_1, QUERY, S3 }

  private static final Map<String, ServiceModel> BY_SDK_NAME = Map.ofEntries(
      entry(new ServiceModel("dynamodb", "dynamodb", "dynamodb", "DYNAMODB", "DynamoDb", Protocol.JSON_1_0,
          "DynamoDB_20120810", Map.ofEntries(
              same("ResourceNotFoundException"), same("ConditionalCheckFailedException"),
              same("ProvisionedThroughputExceededException"), same("ItemCollectionSizeLimitExceededException"),
              same("TransactionConflictException"), same("RequestLimitExceeded"), same("InternalServerError"),
              same("ResourceInUseException"), same("LimitExceededException"), same("TransactionCanceledException"),
              same("ReplicatedWriteConflictException")))),
      entry(new ServiceModel("sqs", "sqs", "sqs", "SQS", "Sqs", Protocol.JSON_1_0, "AmazonSQS", Map.of(
          "QueueDoesNotExist", "QueueDoesNotExistException", "AWS.SimpleQueueService.NonExistentQueue",
          "QueueDoesNotExistException", "InvalidMessageContents", "InvalidMessageContentsException",
          "UnsupportedOperation", "UnsupportedOperationException", "RequestThrottled", "RequestThrottledException",
          "InvalidSecurity", "InvalidSecurityException", "KmsAccessDenied", "KmsAccessDeniedException"))),
      entry(new ServiceModel("sns", "sns", "sns", "SNS", "Sns", Protocol.QUERY, "2010-03-31", Map.of(
          "NotFound", "NotFoundException", "InvalidParameter", "InvalidParameterException",
          "InvalidParameterValue", "InvalidParameterValueException", "AuthorizationError", "AuthorizationErrorException",
          "InternalError", "InternalErrorException", "Throttled", "ThrottledException", "EndpointDisabled",
          "EndpointDisabledException"))),
      entry(new ServiceModel("eventbridge", "events", "events", "EVENTBRIDGE", "EventBridge", Protocol.JSON_1_1,
          "AWSEvents", Map.ofEntries(same("ResourceNotFoundException"), same("InternalException"),
              same("ConcurrentModificationException"), same("LimitExceededException")))),
      entry(new ServiceModel("sfn", "states", "states", "SFN", "Sfn", Protocol.JSON_1_0, "AWSStepFunctions", Map.ofEntries(same("InvalidToken"), same("TaskDoesNotExist"), same("TaskTimedOut"), same("ExecutionDoesNotExist"),
          same("StateMachineDoesNotExist"), same("InvalidArn"), same("ExecutionAlreadyExists")))),
      entry(new ServiceModel("s3", "s3", "s3", "S3", "S3", Protocol.S3, null, Map.of(
          "NoSuchKey", "NoSuchKeyException", "NoSuchBucket", "NoSuchBucketException",
          "BucketAlreadyExists", "BucketAlreadyExistsException",
          "BucketAlreadyOwnedByYou", "BucketAlreadyOwnedByYouException"))),
      entry(new ServiceModel("secretsmanager", "secretsmanager", "secretsmanager", "SECRETS_MANAGER", "SecretsManager",
          Protocol.JSON_1_1, "secretsmanager", Map.ofEntries(same("ResourceNotFoundException"),
              same("InvalidParameterException"), same("InvalidRequestException")))),
      entry(new ServiceModel("ssm", "ssm", "ssm", "SSM", "Ssm", Protocol.JSON_1_1, "AmazonSSM", Map.ofEntries(same("ParameterNotFound"), same("InvalidKeyId")))),
      entry(new ServiceModel("kinesis", "kinesis", "kinesis", "KINESIS", "Kinesis", Protocol.JSON_1_1,
          "Kinesis_20131202", Map.ofEntries(same("ResourceNotFoundException"), same("InvalidArgumentException")))),
      entry(new ServiceModel("cloudwatchlogs", "logs", "logs", "CLOUDWATCH_LOGS", "CloudWatchLogs", Protocol.JSON_1_1,
          "Logs_20140328", Map.ofEntries(same("ResourceNotFoundException"), same("InvalidParameterException")))),
      entry(new ServiceModel("kms", "kms", "kms", "KMS", "Kms", Protocol.JSON_1_1, "TrentService", Map.ofEntries(same("NotFoundException"), same("DisabledException")))));

  /** The model of {@code aws-sdk:<sdkName>}, or null for a service nestflow does not call. */
  static ServiceModel of(String sdkName) {
    return BY_SDK_NAME.get(sdkName);
  }

  /** The model of the service with this endpoint prefix ({@code events}, {@code states}, ...), or null. */
  static ServiceModel byEndpointPrefix(String prefix) {
    return BY_SDK_NAME.values().stream().filter(m -> m.endpointPrefix().equals(prefix)).findFirst().orElse(null);
  }

  /** The SDK's exception class for {@code code}: modeled, or null for the generic one. */
  String modeledName(String code) {
    return code == null ? null : modeled.get(code);
  }

  /** The SDK's generic exception class of this service ({@code DynamoDbException}). */
  String genericName() {
    return errorPrefix + "Exception";
  }

  private static Map.Entry<String, ServiceModel> entry(ServiceModel m) {
    return Map.entry(m.sdkName(), m);
  }

  /** A code whose exception class has its name, {@code Exception} appended unless it ends so. */
  private static Map.Entry<String, String> same(String code) {
    return Map.entry(code, code.endsWith("Exception") ? code : code + "Exception");
  }
}
