package dev.nestflow.infrastructure.api;

import dev.nestflow.infrastructure.runtime.ApiException;

/** Which ARNs can carry tags: existing state machines and activities. */
final class TaggedResources {
  private TaggedResources() {}

  static String check(ApiContext ctx, String resourceArn) {
    Arn arn = Arn.parse(resourceArn);
    boolean exists = switch (arn.type()) {
      case "stateMachine" -> arn.qualifier() == null && ctx.catalog().get(ApiCatalog.STATE_MACHINE, resourceArn).isPresent();
      case "activity" -> ctx.catalog().get(ApiCatalog.ACTIVITY, resourceArn).isPresent();
      default -> false;
    };
    if (!exists) {
      throw new ApiException("ResourceNotFound", "Resource not found: '" + resourceArn + "'");
    }
    return resourceArn;
  }
}
