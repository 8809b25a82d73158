package dev.nestflow.core.validation;

import java.util.Map;
import java.util.Set;

/**
 * Checks a Task's {@code Resource}: a recognised ARN (Lambda function, activity, optimised
 * {@code arn:aws:states:::service:action[.pattern]} integration or {@code aws-sdk} call), and the
 * Express restrictions (no activities, no {@code .sync}, no {@code .waitForTaskToken}).
 */
final class TaskResourceCheck {
  private TaskResourceCheck() {}

  private static final Map<String, Set<String>> OPTIMISED =
      Map.ofEntries(
          Map.entry("lambda", Set.of("invoke")),
          Map.entry("sns", Set.of("publish")),
          Map.entry("sqs", Set.of("sendMessage")),
          Map.entry("dynamodb", Set.of("getItem", "putItem", "deleteItem", "updateItem")),
          Map.entry("states", Set.of("startExecution")),
          Map.entry("events", Set.of("putEvents")),
          Map.entry("ecs", Set.of("runTask")),
          Map.entry("batch", Set.of("submitJob")),
          Map.entry("glue", Set.of("startJobRun")),
          Map.entry("databrew", Set.of("startJobRun")),
          Map.entry("athena",
              Set.of("startQueryExecution", "stopQueryExecution", "getQueryExecution",
                  "getQueryResults")),
          Map.entry("sagemaker",
              Set.of("createTrainingJob", "createTransformJob", "createProcessingJob",
                  "createEndpoint", "createEndpointConfig", "createHyperParameterTuningJob",
                  "createLabelingJob", "createModel", "updateEndpoint")),
          Map.entry("elasticmapreduce",
              Set.of("createCluster", "terminateCluster", "addStep", "cancelStep",
                  "setClusterTerminationProtection", "modifyInstanceFleetByName",
                  "modifyInstanceGroupByName")),
          Map.entry("emr-containers",
              Set.of("startJobRun", "createVirtualCluster", "deleteVirtualCluster")),
          Map.entry("emr-serverless",
              Set.of("createApplication", "startApplication", "stopApplication",
                  "deleteApplication", "startJobRun", "cancelJobRun")),
          Map.entry("eks",
              Set.of("createCluster", "deleteCluster", "createFargateProfile",
                  "deleteFargateProfile", "createNodegroup", "deleteNodegroup", "runJob", "call")),
          Map.entry("apigateway", Set.of("invoke")),
          Map.entry("codebuild",
              Set.of("startBuild", "stopBuild", "batchDeleteBuilds", "batchGetReports",
                  "startBuildBatch")),
          Map.entry("mediaconvert", Set.of("createJob")),
          Map.entry("bedrock", Set.of("invokeModel", "createModelCustomizationJob")),
          Map.entry("http", Set.of("invoke")));

  private static final String[] PATTERNS = {".waitForTaskToken", ".sync:2", ".sync"};

  static void check(String resource, String location, boolean express, Findings findings) {
    String[] parts = resource.split(":", -1);
    if (parts.length < 6 || !parts[0].equals("arn") || parts[1].isEmpty() || parts[2].isEmpty()) {
      findings.schema(notRecognised(resource), location);
      return;
    }
    boolean statesService = parts[2].equals("states");
    if (statesService && parts[3].isEmpty() && parts[4].isEmpty()) {
      String integration = resource.substring(resource.indexOf(":::") + 3);
      String pattern = "";
      for (String candidate : PATTERNS) {
        if (integration.endsWith(candidate)) {
          pattern = candidate;
          integration = integration.substring(0, integration.length() - candidate.length());
          break;
        }
      }
      if (!isKnownIntegration(integration)) {
        findings.schema(notRecognised(resource), location);
        return;
      }
      if (express && pattern.startsWith(".sync")) {
        findings.schema("Express state machine does not support '.sync' service integration", location);
      } else if (express && pattern.equals(".waitForTaskToken")) {
        // AWS's own wording ends with a space before " at <location>".
        findings.schema(
            "Express state machine does not support '.waitForTaskToken' service integration ", location);
      }
    } else if (statesService && parts[5].equals("activity") && express) {
      findings.schema("Express state machine does not support Activity ARN", location);
    }
  }

  private static boolean isKnownIntegration(String integration) {
    String[] pieces = integration.split(":", -1);
    if (pieces.length == 3 && pieces[0].equals("aws-sdk")) {
      return !pieces[1].isEmpty() && !pieces[2].isEmpty();
    }
    return pieces.length == 2 && OPTIMISED.getOrDefault(pieces[0], Set.of()).contains(pieces[1]);
  }

  private static String notRecognised(String resource) {
    return "The resource provided " + resource + " is not recognized. The value is not a valid "
        + "resource ARN, or the resource is not available in this region.";
  }
}
