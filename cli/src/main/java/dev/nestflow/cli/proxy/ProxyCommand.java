package dev.nestflow.cli.proxy;

import dev.nestflow.infrastructure.api.FunctionUrlSigning;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * {@code nestflow proxy --function-url URL}: the deployed API for clients that sign for Step
 * Functions ({@code aws stepfunctions --endpoint-url http://127.0.0.1:8083 ...}, any SDK).
 */
@Command(
    name = "proxy",
    mixinStandardHelpOptions = true,
    description = {
        "Relay Step Functions API calls to nestflow's API Function URL (IAM auth), re-signed with SigV4 for the"
            + " service lambda with your own AWS credentials.",
        "Listens on 127.0.0.1 only. Then: aws stepfunctions --endpoint-url http://127.0.0.1:8083 ...",
        "StartSyncExecution: disable the client's sync- host prefix (aws CLI: AWS_DISABLE_HOST_PREFIX_INJECTION=true;"
            + " Java v2: SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION; boto3: Config(inject_host_prefix=False))."})
public final class ProxyCommand implements Callable<Integer> {
  @Option(names = "--function-url", required = true, paramLabel = "URL",
      description = "the API's Function URL (the stack output ApiUrl)")
  URI functionUrl;

  @Option(names = "--port", description = "local port to listen on (default 8083; 0 = any free port)")
  int port = 8083;

  @Option(names = "--region", description = "the function's region (default: read from the URL's host)")
  String region;

  @Option(names = "--profile", description = "sign with this profile's credentials (default: the SDK's default chain)")
  String profile;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (functionUrl.getScheme() == null || functionUrl.getHost() == null) {
      err.println("--function-url must be an absolute URL, e.g. https://<id>.lambda-url.<region>.on.aws/");
      return 2;
    }
    Optional<Region> signingRegion = region != null ? Optional.of(Region.of(region)) : FunctionUrlSigning.regionOf(functionUrl);
    if (signingRegion.isEmpty()) {
      err.println("no region in " + functionUrl.getHost() + " (not <id>.lambda-url.<region>.on.aws): give --region");
      return 2;
    }
    AwsCredentialsProvider credentials = profile != null
        ? ProfileCredentialsProvider.create(profile)
        : DefaultCredentialsProvider.builder().build();
    FunctionUrlForwarder forwarder = new FunctionUrlForwarder(functionUrl, signingRegion.get(), credentials);
    CountDownLatch stopped = new CountDownLatch(1);
    try (SigningProxy proxy = new SigningProxy(forwarder, port, message -> {
      err.println(message);
      err.flush();
    })) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
      out.println("nestflow proxy: http://127.0.0.1:" + proxy.port() + " -> " + functionUrl
          + " (SigV4 for lambda in " + signingRegion.get().id()
          + (profile != null ? ", profile " + profile : ", default credentials") + ")");
      out.flush();
      stopped.await();
    }
    return 0;
  }
}
