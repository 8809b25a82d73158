package dev.nestflow.infrastructure.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One Step Functions API operation: request body in, response body out, or an ApiException. */
@FunctionalInterface
public interface Operation {
  ObjectNode invoke(ApiRequest request);
}
