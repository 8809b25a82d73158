package dev.nestflow.infrastructure.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignalIdTest {
  private static final String KEY = "x/b0/i12#task7";

  @Test
  void eachKindIsWrittenAsLogsAlreadyHoldIt() {
    assertThat(SignalId.start().text()).isEqualTo("start");
    assertThat(SignalId.stop().text()).isEqualTo("stop");
    assertThat(SignalId.timer(KEY, 3).text()).isEqualTo("timer:x/b0/i12#task7@3");
    assertThat(SignalId.taskAnswer(KEY, 4).text()).isEqualTo("task:x/b0/i12#task7@4");
    assertThat(SignalId.taskAnswer(KEY, 4).submitted().text()).isEqualTo("submitted:task:x/b0/i12#task7@4");
    assertThat(SignalId.childAnswer(KEY).text()).isEqualTo("child:x/b0/i12#task7");
    assertThat(SignalId.activityStarted(KEY).text()).isEqualTo("activity-started:x/b0/i12#task7");
    assertThat(SignalId.redrive(2).text()).isEqualTo("redrive:2");
    assertThat(SignalId.tokenAnswer(KEY).text()).matches("token:x/b0/i12#task7:[0-9a-f-]{36}");
    assertThat(SignalId.heartbeat(KEY).text()).matches("heartbeat:x/b0/i12#task7:[0-9a-f-]{36}");
    SignalId late = SignalId.lateTaskAnswer(KEY);
    assertThat(late.text()).matches("task:x/b0/i12#task7:[0-9a-f-]{36}");
    assertThat(late.submitted().text()).isEqualTo("submitted:" + late.text());
  }

  @Test
  void answersFromOutsideGetANewIdEachTimeSoNoneIsTakenForARedelivery() {
    assertThat(SignalId.tokenAnswer(KEY)).isNotEqualTo(SignalId.tokenAnswer(KEY));
    assertThat(SignalId.heartbeat(KEY).text()).isNotEqualTo(SignalId.heartbeat(KEY).text());
  }

  @Test
  void everyIdReadsBackAsItself() {
    SignalId late = SignalId.lateTaskAnswer(KEY);
    for (SignalId id : List.of(SignalId.start(), SignalId.stop(), SignalId.timer(KEY, 12), SignalId.taskAnswer(KEY, 1),
        SignalId.taskAnswer(KEY, 1).submitted(), late, late.submitted(), SignalId.tokenAnswer(KEY), SignalId.heartbeat(KEY),
        SignalId.childAnswer(KEY), SignalId.activityStarted(KEY), SignalId.redrive(1), SignalId.redrive(12))) {
      assertThat(SignalId.parse(id.text())).contains(id);
    }
  }

  @Test
  void onlyTokenAndChildAnswersCanOvertakeTheirTasksSubmission() {
    assertThat(SignalId.tokenAnswer(KEY).answersFromOutside()).isTrue();
    assertThat(SignalId.childAnswer(KEY).answersFromOutside()).isTrue();
    assertThat(SignalId.taskAnswer(KEY, 2).answersFromOutside()).isFalse();
    assertThat(SignalId.lateTaskAnswer(KEY).answersFromOutside()).isFalse();
    assertThat(SignalId.heartbeat(KEY).answersFromOutside()).isFalse();
  }

  @Test
  void aSubmissionDuringAStepIsTheSubmissionOfItsTaskOnly() {
    assertThat(SignalId.isSubmissionOf(SignalId.taskAnswer(KEY, 2).submitted().text(), KEY)).isTrue();
    assertThat(SignalId.isSubmissionOf(SignalId.taskAnswer(KEY, 2).submitted().text(), "x#task7")).isFalse();
    assertThat(SignalId.isSubmissionOf(SignalId.taskAnswer("x#task71", 2).submitted().text(), "x#task7")).isFalse();
    assertThat(SignalId.isSubmissionOf(SignalId.lateTaskAnswer(KEY).submitted().text(), KEY)).isFalse();
    assertThat(SignalId.isSubmissionOf(SignalId.taskAnswer(KEY, 2).text(), KEY)).isFalse();
  }

  @Test
  void theSubmissionCheckReadsIdsAsParseDoes() {
    for (String text : List.of("submitted:task:k@1", "submitted:task:k@", "submitted:task:k@1x", "submitted:task:k@01",
        "submitted:task:k@0", "submitted:task:k@1@2", "submitted:task:k:abc", "submitted:task:k", "task:k@1", "submitted:task:kk@1")) {
      boolean parsed = SignalId.parse(text).filter(id -> id.kind() == SignalId.Kind.SUBMITTED && id.key().equals("k")).isPresent();
      assertThat(SignalId.isSubmissionOf(text, "k")).as(text).isEqualTo(parsed);
    }
  }

  @Test
  void textNoKindWritesIsNotAnId() {
    for (String text : List.of("", "starts", "timer:", "timer:k", "timer:k@", "timer:@3", "timer:k@3x", "timer:k@03",
        "task:k", "token:k", "token:k:", "child:", "submitted:k@1", "wake:k")) {
      assertThat(SignalId.parse(text)).as(text).isEmpty();
    }
  }

  @Test
  void onlyATasksAnswerHasASubmission() {
    assertThatThrownBy(() -> SignalId.timer(KEY, 1).submitted()).isInstanceOf(IllegalStateException.class);
  }
}
