package dev.nestflow.cli.tasks;

import dev.nestflow.infrastructure.objects.ObjectStore;
import dev.nestflow.infrastructure.objects.S3ObjectStore;
import dev.nestflow.infrastructure.runtime.ExecutionRuntime;
import dev.nestflow.infrastructure.runtime.StepFunctionsSdkIntegration;
import dev.nestflow.infrastructure.tasks.AwsCredentials;
import dev.nestflow.infrastructure.tasks.AwsLambdaFunctions;
import dev.nestflow.infrastructure.tasks.AwsServices;
import dev.nestflow.infrastructure.tasks.InMemoryServices;
import dev.nestflow.infrastructure.tasks.LambdaFunction;
import dev.nestflow.infrastructure.tasks.LambdaInvokeClient;
import dev.nestflow.infrastructure.tasks.LocalFunctions;
import dev.nestflow.infrastructure.tasks.SdkServices;
import dev.nestflow.infrastructure.tasks.ServiceEndpoints;
import dev.nestflow.infrastructure.tasks.StandardIntegrations;
import dev.nestflow.infrastructure.tasks.TaskIntegrations;
import dev.nestflow.core.interpreter.TaskResource;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * How {@code nestflow run} and {@code nestflow serve} run tasks: the composition of the standard
 * registry ({@link StandardIntegrations}) from their options.
 *
 * <ul>
 *   <li>Lambda tasks: Java handlers on a classpath ({@code --function NAME=CLASS --classpath JAR}),
 *       then a Lambda endpoint ({@code --lambda-endpoint URL}, e.g. {@code sam local start-lambda});
 *       with neither, a Lambda task fails naming both options.
 *   <li>Service tasks: {@code --services memory} (the in-memory twins; queues, topics, tables and
 *       buckets come into being on first use) or {@code --services aws} (the real services through the
 *       AWS SDK, at {@code --endpoint-url} or {@code AWS_ENDPOINT_URL[_<SERVICE>]} when given). The
 *       default is aws when an endpoint is configured, memory otherwise: {@link #describe} says which.
 * </ul>
 *
 * @param services "memory", "aws" or null (the default just described)
 */
public record LocalTasks(String services, URI endpointUrl, URI lambdaEndpoint, Map<String, String> functions,
    List<Path> classpath, Map<String, String> env) {

  public LocalTasks {
    functions = Map.copyOf(functions);
    classpath = List.copyOf(classpath);
    env = Map.copyOf(env);
    if (services != null && !services.equals("memory") && !services.equals("aws")) {
      throw new IllegalArgumentException("--services must be memory or aws, not '" + services + "'");
    }
  }

  /** No functions, services in memory unless the environment configures an endpoint. */
  public static LocalTasks defaults() {
    return new LocalTasks(null, null, null, Map.of(), List.of(), System.getenv());
  }

  public LocalTasks withLambdaEndpoint(URI endpoint) {
    return new LocalTasks(services, endpointUrl, endpoint, functions, classpath, env);
  }

  private ServiceEndpoints endpoints(String region) {
    return new ServiceEndpoints(region, endpointUrl, env);
  }

  /** Whether service tasks call real services (aws) rather than the in-memory twins. */
  public boolean realServices() {
    return services != null ? services.equals("aws") : endpoints("us-east-1").anyConfigured();
  }

  /**
   * Where a Distributed Map reads its items and writes its results: S3 at {@code --endpoint-url}
   * when one is given (with the other service tasks), else S3 as the environment says
   * ({@code AWS_ENDPOINT_URL_S3}, {@code AWS_ENDPOINT_URL}, or AWS itself).
   */
  public ObjectStore objectStore(String region) {
    return endpointUrl != null
        ? S3ObjectStore.at(endpointUrl, region, AwsCredentials.emulatorCredentials())
        : S3ObjectStore.fromEnvironment();
  }

  /** One line saying where tasks go (serve prints it at start: the choice is never silent). */
  public String describe() {
    String lambda = !functions.isEmpty() && lambdaEndpoint != null
        ? "Java handlers " + functions.keySet() + ", others at " + lambdaEndpoint
        : !functions.isEmpty() ? "Java handlers " + functions.keySet()
        : lambdaEndpoint != null ? "at " + lambdaEndpoint : "none (give --lambda-endpoint or --function)";
    String svc = realServices()
        ? "AWS through the SDK (--services aws" + (endpointUrl != null ? ", endpoint " + endpointUrl
            : env.containsKey("AWS_ENDPOINT_URL") ? ", AWS_ENDPOINT_URL " + env.get("AWS_ENDPOINT_URL") : "") + ")"
        : "in-memory twins (--services memory)";
    return "Lambda tasks: " + lambda + "; service tasks: " + svc;
  }

  /**
   * The registry for a mode whose runtime is {@code runtime} (given later: the registry is built
   * before it). What must be closed goes to {@code resources}.
   */
  public TaskIntegrations build(String region, String account, Clock clock, Supplier<String> ids,
      Supplier<ExecutionRuntime> runtime, List<AutoCloseable> resources) {
    AwsServices svc;
    if (realServices()) {
      ServiceEndpoints e = endpoints(region);
      svc = new SdkServices(UrlConnectionHttpClient.create(), AwsCredentials.of(env, e.anyConfigured()), e);
    } else {
      svc = InMemoryServices.createOnUse(clock, ids, region, account);
    }
    return StandardIntegrations.builder(functions(region, account, clock, ids, resources),
            new StepFunctionsSdkIntegration(runtime), svc, clock, ids)
        .whenUnhandled(LocalTasks::hint)
        .build();
  }

  /** Where Lambda tasks run: the classpath's handlers first, then the endpoint; null when neither is given. */
  private LambdaFunction functions(String region, String account, Clock clock, Supplier<String> ids,
      List<AutoCloseable> resources) {
    LocalFunctions local = null;
    if (!functions.isEmpty()) {
      local = new LocalFunctions(region, account, clock, ids);
      ClassLoader loader = classLoader();
      for (Map.Entry<String, String> f : new LinkedHashMap<>(functions).entrySet()) {
        local.register(f.getKey(), JavaHandlers.load(f.getValue(), loader));
      }
    }
    LambdaFunction remote = null;
    if (lambdaEndpoint != null) {
      AwsLambdaFunctions endpoint = AwsLambdaFunctions.over(new LambdaInvokeClient(
          AwsCredentials.of(env, true), Region.of(region), lambdaEndpoint));
      resources.add(endpoint);
      remote = endpoint;
    }
    if (local == null) {
      return remote;
    }
    LocalFunctions handlers = local;
    LambdaFunction fallback = remote;
    return call -> fallback == null || handlers.has(call.functionName()) ? handlers.invoke(call) : fallback.invoke(call);
  }

  private ClassLoader classLoader() {
    List<URL> urls = new ArrayList<>();
    for (Path p : classpath) {
      try {
        urls.add(p.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("bad --classpath entry " + p);
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), LocalTasks.class.getClassLoader());
  }

  /** The option that would serve a resource no integration runs. */
  static String hint(String resource) {
    TaskResource r = TaskResource.parse(resource);
    if (r.kind() == TaskResource.Kind.LAMBDA_FUNCTION
        || r.kind() == TaskResource.Kind.SERVICE && "lambda".equals(r.resourceType())) {
      return "on the embedded default: Lambda tasks need --lambda-endpoint URL (for example sam local start-lambda)"
          + " or --function NAME=CLASS --classpath JAR.";
    }
    if (r.kind() == TaskResource.Kind.SERVICE && r.resourceType().startsWith("aws-sdk")) {
      return "on the embedded default: nestflow calls aws-sdk services dynamodb, s3, sqs, sns, eventbridge,"
          + " secretsmanager, ssm, kinesis, cloudwatchlogs, kms and sfn (startExecution, describeExecution, stopExecution, sendTask*).";
    }
    return "on the embedded default.";
  }
}
