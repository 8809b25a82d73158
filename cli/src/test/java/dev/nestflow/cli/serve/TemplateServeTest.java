package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.testing.templates.SamTemplate;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;

/** {@code serve --template}: the template's state machines exist under their logical ids, and run. */
class TemplateServeTest {
  @Test
  void theTemplatesStateMachinesAreCreatedAndStartEachOther() throws Exception {
    try (LocalService service = LocalService.start(LocalService.Options.defaults().withPort(0), new TestingOptions(null, true), m -> {});
        SfnClient sfn = ServeClient.client(URI.create("http://127.0.0.1:" + service.port()))) {
      SamTemplate template = SamTemplate.read(Path.of("..", "examples", "template", "template.yaml"));
      assertThat(TemplateMachines.create(service.api(), template, "123456789012")).containsExactly(
          "arn:aws:states:us-east-1:123456789012:stateMachine:Parent", "arn:aws:states:us-east-1:123456789012:stateMachine:Child");
      // a second start over the same store updates them instead of failing
      TemplateMachines.create(service.api(), template, "123456789012");
      assertThat(sfn.listStateMachines(b -> {}).stateMachines()).extracting(StateMachineListItem::name).contains("Parent", "Child");
      String arn = sfn.startExecution(b -> b.stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:Parent")
          .input("{\"who\":\"Ada\"}")).executionArn();
      var done = VirtualTimeServeTest.awaitEnd(sfn, arn, Duration.ofSeconds(30));
      assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(done.output()).isEqualTo("{\"text\":\"hello, Ada\"}");
    }
  }
}
