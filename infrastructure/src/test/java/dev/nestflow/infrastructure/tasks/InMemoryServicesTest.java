package dev.nestflow.infrastructure.tasks;

import java.time.Clock;
import java.util.UUID;

/** The services port's contract against the in-memory twins. */
class InMemoryServicesTest extends AwsServicesContract {
  private final InMemoryServices services =
      new InMemoryServices(Clock.systemUTC(), () -> UUID.randomUUID().toString(), REGION, ACCOUNT);

  @Override
  protected AwsServices services() {
    return services;
  }
}
