package dev.nestflow.infrastructure.testing;

import org.testcontainers.utility.DockerImageName;

/** The one LocalStack image the contract tests run against, pinned. */
public final class LocalStackImage {
  public static final DockerImageName NAME = DockerImageName.parse("localstack/localstack:4.4.0");

  private LocalStackImage() {}
}
