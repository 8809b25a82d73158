package dev.nestflow.core.items;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ListedObjectTest {
  @Test
  void aListedObjectBecomesTheItemAwsGivesAnIteration() {
    ListedObject object = new ListedObject("processData/images/n02085620_1073.jpg",
        "\"05704fbdccb224cb01c59005bebbad28\"", Instant.parse("2022-11-17T15:44:41.512Z"), 34910, "STANDARD");
    assertThat(Json.write(object.toItem())).isEqualTo("{\"Etag\":\"\\\"05704fbdccb224cb01c59005bebbad28\\\"\","
        + "\"Key\":\"processData/images/n02085620_1073.jpg\",\"LastModified\":1668699881,\"Size\":34910,"
        + "\"StorageClass\":\"STANDARD\"}");
  }
}
