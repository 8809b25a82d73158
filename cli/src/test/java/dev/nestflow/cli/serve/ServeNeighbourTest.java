package dev.nestflow.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * serve's API sockets send without Nagle's delay: with it, every request after the first on a
 * kept-alive connection waited for the client's delayed ACK (about 40 ms; numbers in BENCHMARKS.md,
 * measured by bench's ServeCitizen, as speed targets are).
 */
class ServeNeighbourTest {
  @Test
  void theApiServerSetsTcpNoDelayOnItsConnections() throws Exception {
    try (LocalService service = LocalService.start(LocalService.Options.defaults().withPort(0), m -> {})) {
      assertThat(service.port()).isPositive();
      assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
    }
  }

  @Test
  void idleWorkersLongPollSqsInsteadOfAskingHundredsOfTimesASecond() {
    assertThat(LocalService.LONG_POLL).isBetween(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(20));
  }
}
