package dev.nestflow.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

class DeferredHttpClientTest {
  @Test
  void carriesTheUrlConnectionClientsNameForTheSdkUserAgent() {
    try (UrlConnectionHttpClient real = (UrlConnectionHttpClient) UrlConnectionHttpClient.create()) {
      assertThat(Runtimes.HTTP_CLIENT_NAME).isEqualTo(real.clientName());
    }
  }

  @Test
  void aClientThatCouldNotBeBuiltFailsTheFirstRequestWithItsCause() {
    DeferredHttpClient http = DeferredHttpClient.start("x", () -> {
      throw new IllegalStateException("no TLS");
    });
    HttpExecuteRequest request = HttpExecuteRequest.builder().request(SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.GET).uri(URI.create("http://localhost:1/")).build()).build();
    assertThatThrownBy(() -> http.prepareRequest(request)).isInstanceOf(CompletionException.class)
        .hasRootCauseMessage("no TLS");
  }
}
