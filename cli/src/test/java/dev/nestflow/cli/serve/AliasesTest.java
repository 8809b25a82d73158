package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ConflictException;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineAliasResponse;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * State machine aliases through the official SDK against {@code serve}: the five operations, their
 * routing between two versions, executions started through an alias (as SAM's AutoPublishAlias
 * and canary deployments start them) and what DescribeExecution says about them.
 */
class AliasesTest {
  private static final String V1 = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":\"v1\",\"End\":true}}}";
  private static final String V2 = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":\"v2\",\"End\":true}}}";

  static LocalService service;
  static SfnClient sfn;

  @BeforeAll
  static void start() throws Exception {
    service = LocalService.start(LocalService.Options.defaults().withPort(0), message -> {});
    sfn = ServeClient.client(URI.create("http://127.0.0.1:" + service.port()));
  }

  @AfterAll
  static void stop() {
    sfn.close();
    service.close();
  }

  private record Machine(String arn, String v1, String v2) {}

  private static Machine twoVersions(String name) {
    var created = sfn.createStateMachine(b -> b.name(name).definition(V1).roleArn(ServeClient.ROLE).publish(true));
    String v2 = sfn.updateStateMachine(b -> b.stateMachineArn(created.stateMachineArn()).definition(V2).publish(true))
        .stateMachineVersionArn();
    return new Machine(created.stateMachineArn(), created.stateMachineVersionArn(), v2);
  }

  private static RoutingConfigurationListItem route(String version, int weight) {
    return RoutingConfigurationListItem.builder().stateMachineVersionArn(version).weight(weight).build();
  }

  private static DescribeExecutionResponse run(String arn) {
    String execution = sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
    return ServeClient.awaitEnd(sfn, execution);
  }

  @Test
  void anAliasRoutesItsExecutionsToItsVersionAndDescribeExecutionNamesBoth() {
    Machine m = twoVersions("Aliased");
    String alias = sfn.createStateMachineAlias(b -> b.name("live").description("production")
        .routingConfiguration(route(m.v1(), 100))).stateMachineAliasArn();
    assertThat(alias).isEqualTo(m.arn() + ":live");

    DescribeExecutionResponse d = run(alias);
    assertThat(d.output()).isEqualTo("\"v1\"");
    assertThat(d.stateMachineAliasArn()).isEqualTo(alias);
    assertThat(d.stateMachineVersionArn()).isEqualTo(m.v1());
    assertThat(d.executionArn()).startsWith(m.arn().replace(":stateMachine:", ":execution:") + ":");
    assertThat(sfn.listExecutions(b -> b.stateMachineArn(alias)).executions()).extracting(e -> e.executionArn())
        .containsExactly(d.executionArn());

    sfn.updateStateMachineAlias(b -> b.stateMachineAliasArn(alias).routingConfiguration(route(m.v2(), 100)));
    assertThat(run(alias).output()).isEqualTo("\"v2\"");
    DescribeStateMachineAliasResponse described = sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(alias));
    assertThat(described.name()).isEqualTo("live");
    assertThat(described.description()).isEqualTo("production");
    assertThat(described.routingConfiguration()).containsExactly(route(m.v2(), 100));
    assertThat(described.updateDate()).isAfterOrEqualTo(described.creationDate());
  }

  @Test
  void aCanaryAliasSplitsExecutionsBetweenTwoVersionsByWeight() {
    Machine m = twoVersions("Canary");
    String alias = sfn.createStateMachineAlias(b -> b.name("canary")
        .routingConfiguration(route(m.v1(), 50), route(m.v2(), 50))).stateMachineAliasArn();
    Set<String> versions = new HashSet<>();
    for (int i = 0; i < 60 && versions.size() < 2; i++) {
      String execution = sfn.startExecution(b -> b.stateMachineArn(alias)).executionArn();
      versions.add(sfn.describeExecution(b -> b.executionArn(execution)).stateMachineVersionArn());
    }
    assertThat(versions).containsExactlyInAnyOrder(m.v1(), m.v2());
  }

  @Test
  void createIsIdempotentAConflictingCreateIsRefusedAndListAndDeleteWork() {
    Machine m = twoVersions("Listed");
    String a = sfn.createStateMachineAlias(b -> b.name("a").routingConfiguration(route(m.v1(), 100))).stateMachineAliasArn();
    assertThat(sfn.createStateMachineAlias(b -> b.name("a").routingConfiguration(route(m.v1(), 100))).stateMachineAliasArn())
        .isEqualTo(a);
    assertThatThrownBy(() -> sfn.createStateMachineAlias(b -> b.name("a").routingConfiguration(route(m.v2(), 100))))
        .isInstanceOf(ConflictException.class);
    String other = sfn.createStateMachineAlias(b -> b.name("b").routingConfiguration(route(m.v2(), 100))).stateMachineAliasArn();
    assertThat(sfn.listStateMachineAliases(b -> b.stateMachineArn(m.arn())).stateMachineAliases())
        .extracting(x -> x.stateMachineAliasArn()).containsExactly(a, other);

    assertThatThrownBy(() -> sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(m.v2())))
        .isInstanceOf(ConflictException.class).hasMessageContaining(other);
    sfn.deleteStateMachineAlias(b -> b.stateMachineAliasArn(other));
    assertThatThrownBy(() -> sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(other)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(sfn.listStateMachineAliases(b -> b.stateMachineArn(m.arn())).stateMachineAliases()).hasSize(1);
    sfn.deleteStateMachineVersion(b -> b.stateMachineVersionArn(m.v2()));
  }

  @Test
  void badRoutingIsAValidationError() {
    Machine m = twoVersions("Routed");
    Machine n = twoVersions("Elsewhere");
    for (List<RoutingConfigurationListItem> routing : List.of(
        List.of(route(m.v1(), 60), route(m.v2(), 30)),
        List.of(route(m.v1(), 50), route(n.v2(), 50)),
        List.of(route(m.v1(), 50), route(m.v1(), 50)))) {
      assertThatThrownBy(() -> sfn.createStateMachineAlias(b -> b.name("bad").routingConfiguration(routing)))
          .isInstanceOf(SfnException.class).satisfies(e -> assertThat(((SfnException) e).awsErrorDetails().errorCode())
              .isEqualTo("ValidationException"));
    }
    assertThatThrownBy(() -> sfn.createStateMachineAlias(b -> b.name("123").routingConfiguration(route(m.v1(), 100))))
        .isInstanceOf(SfnException.class).hasMessageContaining("regular expression pattern");
    assertThatThrownBy(() -> sfn.createStateMachineAlias(b -> b.name("gone").routingConfiguration(route(m.arn() + ":9", 100))))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(sfn.listStateMachineAliases(b -> b.stateMachineArn(m.arn())).stateMachineAliases()).isEmpty();
  }
}
