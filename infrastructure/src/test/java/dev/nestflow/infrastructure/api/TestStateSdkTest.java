package dev.nestflow.infrastructure.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** The official Java SDK reads TestState's answers into its own types: every field has AWS's name and type. */
class TestStateSdkTest {
  static ApiServer service;
  static SfnClient sfn;

  @BeforeAll
  static void start() throws Exception {
    service = ApiServer.start();
    sfn = SfnClientIntegrationTest.client(URI.create("http://127.0.0.1:" + service.port()));
  }

  @AfterAll
  static void stop() {
    sfn.close();
    service.close();
  }

  static final String TASK = "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
      + "\"Parameters\":{\"FunctionName\":\"f\",\"Payload.$\":\"$\"},"
      + "\"Retry\":[{\"ErrorEquals\":[\"Busy\"],\"IntervalSeconds\":3,\"MaxAttempts\":1}],"
      + "\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"ResultPath\":\"$.err\",\"Next\":\"Handle\"}],\"Next\":\"Done\"}";

  @Test
  void passAtDebugRetriableAndCaughtComeBackTyped() {
    TestStateResponse pass = sfn.testState(b -> b.definition("{\"Type\":\"Pass\",\"Parameters\":{\"v.$\":\"$.a\"},\"Next\":\"N\"}")
        .input("{\"a\":5}").inspectionLevel(InspectionLevel.DEBUG));
    assertThat(pass.status()).isEqualTo(TestExecutionStatus.SUCCEEDED);
    assertThat(pass.nextState()).isEqualTo("N");
    assertThat(pass.output()).isEqualTo("{\"v\":5}");
    assertThat(pass.inspectionData().afterParameters()).isEqualTo("{\"v\":5}");
    assertThat(pass.inspectionData().afterInputPath()).isEqualTo("{\"a\":5}");

    TestStateResponse retriable = sfn.testState(b -> b.definition(TASK).inspectionLevel(InspectionLevel.DEBUG)
        .mock(m -> m.errorOutput(e -> e.error("Busy").cause("try later"))));
    assertThat(retriable.status()).isEqualTo(TestExecutionStatus.RETRIABLE);
    assertThat(retriable.error()).isEqualTo("Busy");
    assertThat(retriable.inspectionData().errorDetails().retryIndex()).isZero();
    assertThat(retriable.inspectionData().errorDetails().retryBackoffIntervalSeconds()).isEqualTo(3);

    TestStateResponse caught = sfn.testState(b -> b.definition(TASK).inspectionLevel(InspectionLevel.DEBUG)
        .mock(m -> m.errorOutput(e -> e.error("Busy").cause("try later")))
        .stateConfiguration(c -> c.retrierRetryCount(1)));
    assertThat(caught.status()).isEqualTo(TestExecutionStatus.CAUGHT_ERROR);
    assertThat(caught.nextState()).isEqualTo("Handle");
    assertThat(caught.output()).isEqualTo("{\"err\":{\"Error\":\"Busy\",\"Cause\":\"try later\"}}");
    assertThat(caught.inspectionData().errorDetails().catchIndex()).isZero();
  }

  @Test
  void badRequestsAreTheSdkExceptionsAwsDocuments() {
    assertThat(catchThrowableOfType(() -> sfn.testState(b -> b.definition("{\"Type\":\"Pass\"")), InvalidDefinitionException.class))
        .isNotNull();
    ValidationException noMock = catchThrowableOfType(() -> sfn.testState(b -> b.definition(TASK)), ValidationException.class);
    assertThat(noMock.getMessage()).contains("mock");
  }
}
