package dev.nestflow.bench;

import dev.nestflow.cli.serve.LocalService;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code nestflow serve} as a neighbour: (1) the latency of DescribeExecution on one kept-alive
 * connection and on a fresh connection per request (a raw HTTP/1.1 client with TCP_NODELAY, so the
 * server's socket options are what is measured); (2) with {@code sqs} as argument, the SQS requests
 * serve makes while idle, counted in moto_server's access log over 10 s (4 workers).
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.nestflow.bench.ServeCitizen [requests] [sqs]</pre>
 */
public final class ServeCitizen {
  private ServeCitizen() {}

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    System.out.println("sun.net.httpserver.nodelay=" + System.getProperty("sun.net.httpserver.nodelay", "(unset: serve sets true)"));
    try (LocalService service = LocalService.start(LocalService.Options.defaults().withPort(0), m -> {})) {
      int port = service.port();
      String arn = call(port, "CreateStateMachine", "{\"name\":\"Wait\",\"roleArn\":\"arn:aws:iam::123456789012:role/r\","
          + "\"definition\":\"{\\\"StartAt\\\":\\\"W\\\",\\\"States\\\":{\\\"W\\\":{\\\"Type\\\":\\\"Wait\\\",\\\"Seconds\\\":3600,\\\"End\\\":true}}}\"}")
          .replaceAll("(?s).*\"stateMachineArn\":\"([^\"]+)\".*", "$1");
      String execution = call(port, "StartExecution", "{\"stateMachineArn\":\"" + arn + "\",\"name\":\"e\"}")
          .replaceAll("(?s).*\"executionArn\":\"([^\"]+)\".*", "$1");
      String describe = "{\"executionArn\":\"" + execution + "\"}";
      for (int round = 0; round < 2; round++) {
        System.out.printf("round %d, %d DescribeExecution each:%n", round + 1, requests);
        report("  kept-alive connection", keptAlive(port, describe, requests));
        report("  fresh connection each", fresh(port, describe, Math.min(requests, 300)));
      }
    }
    if (Arrays.asList(args).contains("sqs")) {
      idleSqs();
    }
  }

  private static void idleSqs() throws Exception {
    try (Moto moto = Moto.start()) {
      LocalService.Options o = LocalService.Options.defaults().withPort(0);
      LocalService.Options withSqs = new LocalService.Options(o.host(), 0, o.region(), o.account(), null, o.table(),
          moto.endpoint(), "idle", null, "an-idle-benchmark-key-0123456789", o.workers());
      try (LocalService service = LocalService.start(withSqs, m -> {})) {
        Thread.sleep(3000);
        long before = moto.requestsLogged();
        long cpuBefore = cpu();
        Thread.sleep(10_000);
        long requests = moto.requestsLogged() - before;
        long cpuMs = (cpu() - cpuBefore) / 1_000_000;
        System.out.printf("idle serve on SQS (moto), %d workers, 10 s: %d requests = %.1f/s (%.2f/s per worker); "
            + "this JVM's CPU %d ms%n", o.workers(), requests, requests / 10.0, requests / 10.0 / o.workers(), cpuMs);
      }
    }
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void report(String label, long[] nanos) {
    Arrays.sort(nanos);
    System.out.printf("%s: median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)%n", label,
        nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.9)] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6,
        nanos[nanos.length - 1] / 1e6, nanos.length);
  }

  private static long[] keptAlive(int port, String body, int n) throws IOException {
    long[] out = new long[n];
    try (Socket s = socket(port)) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        send(s.getOutputStream(), port, "DescribeExecution", body, true);
        readResponse(in);
        out[i] = System.nanoTime() - t0;
      }
    }
    return out;
  }

  private static long[] fresh(int port, String body, int n) throws IOException {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      try (Socket s = socket(port)) {
        send(s.getOutputStream(), port, "DescribeExecution", body, false);
        readResponse(new BufferedInputStream(s.getInputStream()));
      }
      out[i] = System.nanoTime() - t0;
    }
    return out;
  }

  private static Socket socket(int port) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    s.setTcpNoDelay(true);
    return s;
  }

  private static String call(int port, String operation, String body) throws IOException {
    try (Socket s = socket(port)) {
      send(s.getOutputStream(), port, operation, body, false);
      return readResponse(new BufferedInputStream(s.getInputStream()));
    }
  }

  private static void send(OutputStream out, int port, String operation, String body, boolean keepAlive) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/x-amz-json-1.0\r\n"
        + "X-Amz-Target: AWSStepFunctions." + operation + "\r\nContent-Length: " + bytes.length + "\r\n"
        + (keepAlive ? "" : "Connection: close\r\n") + "\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = Arrays.copyOf(h, h.length + bytes.length);
    System.arraycopy(bytes, 0, all, h.length, bytes.length);
    out.write(all);
    out.flush();
  }

  /** Reads one response (status line, headers, a Content-Length body) and returns its body. */
  private static String readResponse(InputStream in) throws IOException {
    int length = -1;
    String line;
    boolean first = true;
    while (!(line = readLine(in)).isEmpty()) {
      if (first && !line.startsWith("HTTP/1.1 ")) {
        throw new IOException("not a response: " + line);
      }
      first = false;
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
        length = Integer.parseInt(line.substring(colon + 1).trim());
      }
    }
    if (length < 0) {
      throw new IOException("no Content-Length");
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }
}
