package dev.nestflow.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DeferredHttpClientTest {
  @Test
  void carriesTheUrlConnectionClientsNameForTheSdkUserAgent() {
    try (UrlConnectionHttpClient real = (UrlConnectionHttpClient) UrlConnectionHttpClient.create()) {
      assertThat(Runtimes.HTTP_CLIENT_NAME).isEqualTo(real.clientName());
    }
  }

  @Test
  void primingRequestsAreAnsweredLocallyWithoutTheRealClient() {
    DeferredHttpClient http = DeferredHttpClient.start("x", () -> {
      throw new IllegalStateException("no network here");
    });
    DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(http).region(Region.US_EAST_1)
        .endpointOverride(URI.create("http://localhost:1"))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s"))).build();
    assertThatCode(() -> AwsWiring.primeRequests(dynamo)).doesNotThrowAnyException();
    assertThatThrownBy(() -> dynamo.query(q -> q.tableName("t"))).hasStackTraceContaining("no network here");
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
