package dev.nestflow.infrastructure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbItemSizeTest {
  @Test
  void stringsCountTheirNameAndValueInUtf8Bytes() {
    assertThat(DynamoDbItemSize.of(Map.of("pk", AttributeValue.fromS("ab")))).isEqualTo(4);
    assertThat(DynamoDbItemSize.of(Map.of("ü", AttributeValue.fromS("✓")))).isEqualTo(2 + 3);
  }

  @Test
  void numbersCountOneBytePerTwoSignificantDigitsPlusOne() {
    assertThat(DynamoDbItemSize.of(Map.of("n", AttributeValue.fromN("7")))).isEqualTo(1 + 2);
    assertThat(DynamoDbItemSize.of(Map.of("n", AttributeValue.fromN("1234")))).isEqualTo(1 + 3);
    assertThat(DynamoDbItemSize.of(Map.of("n", AttributeValue.fromN("-9223372036854775808")))).isEqualTo(1 + 11);
  }

  @Test
  void itemOf400000BytesPassesAndOneByteMoreIsRefused() {
    String name = "v";
    String fits = "x".repeat((int) DynamoDbItemSize.LIMIT - name.length());

    assertThatCode(() -> DynamoDbItemSize.check("fits", Map.of(name, AttributeValue.fromS(fits))))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> DynamoDbItemSize.check("too big", Map.of(name, AttributeValue.fromS(fits + "x"))))
        .isInstanceOf(ItemTooLargeException.class)
        .hasMessageContaining("too big needs 400001 bytes");
  }
}
