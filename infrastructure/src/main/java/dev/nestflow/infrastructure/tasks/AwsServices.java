package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The AWS services that service tasks call, by API action: the port between the integrations (which
 * own Step Functions' request and response shapes, error names and metadata) and the services.
 * Requests and responses are the service API's own JSON shapes (members in PascalCase, as in the
 * AWS JSON protocols and as Step Functions' {@code aws-sdk} integrations take them).
 *
 * <p>Adapters: {@link InMemoryServices} (the in-memory twins, for zero-setup local runs and tests)
 * and {@link SdkServices} (real calls over the AWS SDK's HTTP client and SigV4 signer, to AWS or an
 * emulator). One contract suite runs against both.
 */
public interface AwsServices {
  /**
   * Calls {@code action} (API name, {@code SendMessage}) of {@code service} (the endpoint prefix:
   * {@code sqs}, {@code sns}, {@code dynamodb}, {@code events}, {@code s3}, ...). A refused call or
   * one that never reached the service throws {@link ServiceException}.
   */
  ObjectNode call(String service, String action, JsonNode request);
}
