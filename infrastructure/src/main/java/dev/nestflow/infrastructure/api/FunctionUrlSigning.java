package dev.nestflow.infrastructure.api;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.regions.Region;

/**
 * Lets an AWS SDK for Java v2 client call nestflow's API on its Lambda Function URL directly. A
 * Function URL with {@code AuthType: AWS_IAM} accepts only SigV4 signatures made for the service
 * {@value #SIGNING_NAME} in the function's region, while the Step Functions client signs for
 * {@code states}; this replaces the client's SigV4 auth scheme with the SDK's own SigV4 signer told
 * to sign for {@value #SIGNING_NAME}. The caller's credentials are used as they are: IAM still
 * decides whether they may invoke the URL.
 *
 * <pre>{@code
 * SfnClient sfn = FunctionUrlSigning.configure(SfnClient.builder(), URI.create(apiUrl)).build();
 * }</pre>
 */
public final class FunctionUrlSigning {
  /** The service a Function URL's SigV4 signature must be made for. */
  public static final String SIGNING_NAME = "lambda";

  private static final Pattern FUNCTION_URL_HOST =
      Pattern.compile("[a-z0-9]+\\.lambda-url\\.([a-z]{2}(?:-[a-z]+)+-\\d+)\\.on\\.aws");

  private FunctionUrlSigning() {}

  /**
   * Points {@code builder} at the Function URL, in the region its host names, signing for
   * {@value #SIGNING_NAME}; StartSyncExecution's {@code sync-} host prefix is turned off (the URL
   * has no such host).
   *
   * @throws IllegalArgumentException when the URL's host is not {@code <id>.lambda-url.<region>.on.aws}
   */
  public static <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI functionUrl) {
    Region region = regionOf(functionUrl).orElseThrow(() -> new IllegalArgumentException(
        "not a Lambda Function URL (<id>.lambda-url.<region>.on.aws): " + functionUrl + "; give the region"));
    return configure(builder, functionUrl, region);
  }

  /** As {@link #configure(AwsClientBuilder, URI)}, with the function's region given. */
  public static <B extends AwsClientBuilder<B, ?>> B configure(B builder, URI endpoint, Region region) {
    ClientOverrideConfiguration current = builder.overrideConfiguration();
    ClientOverrideConfiguration.Builder override =
        current == null ? ClientOverrideConfiguration.builder() : current.toBuilder();
    return builder
        .endpointOverride(endpoint)
        .region(region)
        .overrideConfiguration(override.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true).build())
        .putAuthScheme(sigV4ForLambda(region));
  }

  /**
   * The SDK's SigV4 auth scheme (same scheme id, same credentials) whose signatures are made for
   * {@value #SIGNING_NAME} in {@code region}, whatever service the client belongs to. For
   * {@code putAuthScheme} on any client builder.
   */
  public static AuthScheme<AwsCredentialsIdentity> sigV4ForLambda(Region region) {
    AwsV4AuthScheme standard = AwsV4AuthScheme.create();
    HttpSigner<AwsCredentialsIdentity> signer = new LambdaSigner(standard.signer(), region.id());
    return new AuthScheme<>() {
      @Override
      public String schemeId() {
        return AwsV4AuthScheme.SCHEME_ID;
      }

      @Override
      public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
        return standard.identityProvider(providers);
      }

      @Override
      public HttpSigner<AwsCredentialsIdentity> signer() {
        return signer;
      }
    };
  }

  /** The region in a Function URL's host ({@code <id>.lambda-url.<region>.on.aws}), if it is one. */
  public static Optional<Region> regionOf(URI functionUrl) {
    String host = functionUrl.getHost();
    if (host == null) {
      return Optional.empty();
    }
    Matcher m = FUNCTION_URL_HOST.matcher(host.toLowerCase(Locale.ROOT));
    return m.matches() ? Optional.of(Region.of(m.group(1))) : Optional.empty();
  }

  /** Signs with the SDK's SigV4 signer, the service name and region set to the Function URL's. */
  private record LambdaSigner(AwsV4HttpSigner delegate, String region) implements HttpSigner<AwsCredentialsIdentity> {
    @Override
    public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
      return delegate.sign(request.toBuilder()
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
          .putProperty(AwsV4HttpSigner.REGION_NAME, region)
          .build());
    }

    @Override
    public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
      return delegate.signAsync(request.toBuilder()
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
          .putProperty(AwsV4HttpSigner.REGION_NAME, region)
          .build());
    }
  }
}
