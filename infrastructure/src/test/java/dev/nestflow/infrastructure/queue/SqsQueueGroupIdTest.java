package dev.nestflow.infrastructure.queue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * SQS refuses a MessageGroupId over 128 characters or with other than ASCII letters, digits and
 * punctuation (ElasticMQ and SQS answer 400; moto takes it), and an execution ARN can be either.
 */
class SqsQueueGroupIdTest {
  private static final String LONG_ARN = "arn:aws:states:us-east-1:123456789012:execution:" + "m".repeat(80) + "/L:" + "n".repeat(80);

  @Test
  void anArnSqsTakesIsItsOwnGroup() {
    String arn = "arn:aws:states:us-east-1:123456789012:execution:M:run-1";
    assertThat(SqsQueue.groupId(arn)).isEqualTo(arn);
    assertThat(SqsQueue.groupId(null)).isEqualTo(SqsQueue.DEFAULT_GROUP);
  }

  @Test
  void aLongOrNonAsciiArnGetsAStableDigestSqsTakes() {
    for (String arn : new String[] {LONG_ARN, "arn:aws:states:us-east-1:123456789012:execution:M:caf\u00e9 run"}) {
      String id = SqsQueue.groupId(arn);
      assertThat(id).hasSizeLessThanOrEqualTo(SqsQueue.MAX_GROUP_ID).startsWith("sha256:");
      assertThat(id.chars()).allMatch(c -> c > 32 && c < 127);
      assertThat(SqsQueue.groupId(arn)).isEqualTo(id);
      assertThat(SqsQueue.groupId(id)).as("a received group sent again").isEqualTo(id);
    }
    assertThat(SqsQueue.groupId(LONG_ARN)).isNotEqualTo(SqsQueue.groupId(LONG_ARN + "x"));
  }
}
