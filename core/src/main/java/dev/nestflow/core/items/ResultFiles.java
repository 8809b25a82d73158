package dev.nestflow.core.items;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a ResultWriter writes for one Map run, as AWS lays it out under
 * {@code <Prefix>/<map run id>/}: result files by status ({@code SUCCEEDED_0.json},
 * {@code FAILED_0.json}, {@code PENDING_0.json}) and a {@code manifest.json} listing them,
 * and the Map state's result pointing at the manifest.
 *
 * <p>FAILED files hold the children that failed, timed out or were aborted; PENDING files the items
 * whose child never started because the run failed or was aborted. A file is cut at AWS's 5 GB and
 * the rest continues in {@code _1}, {@code _2}, ...
 */
public final class ResultFiles {
  private ResultFiles() {}

  /** AWS's largest result file: 5 GB. */
  public static final long MAX_FILE_BYTES = 5L * 1024 * 1024 * 1024;

  /** The statuses of result files, in the order the manifest lists them. */
  public static final List<String> STATUSES = List.of("FAILED", "PENDING", "SUCCEEDED");

  /** The directory of a run's results: {@code <prefix>/<map run id>/} (the id is the ARN's last part). */
  public static String directory(ResultWriterSpec spec, String mapRunArn) {
    String prefix = spec.prefix() == null ? "" : spec.prefix();
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix += "/";
    }
    return prefix + mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1) + "/";
  }

  /** The manifest's key: {@code <prefix>/<map run id>/manifest.json}. */
  public static String manifestKey(ResultWriterSpec spec, String mapRunArn) {
    return directory(spec, mapRunArn) + "manifest.json";
  }

  /**
   * The result files of a run (only statuses that have results; SUCCEEDED first, then FAILED,
   * then PENDING), each record shaped by {@code spec}'s transformation and output type.
   * Children that ended TIMED_OUT or ABORTED count as FAILED; PENDING holds children that never ran.
   * {@code results} is walked once per status, so it may be a view that reads outcomes in chunks
   * rather than a list of all of them.
   */
  public static List<ResultFile> resultFiles(ResultWriterSpec spec, String mapRunArn, Iterable<ChildResult> results) {
    return resultFiles(spec, mapRunArn, results, MAX_FILE_BYTES);
  }

  static List<ResultFile> resultFiles(
      ResultWriterSpec spec, String mapRunArn, Iterable<ChildResult> results, long maxFileBytes) {
    String directory = directory(spec, mapRunArn);
    List<ResultFile> files = new ArrayList<>();
    for (String status : List.of("SUCCEEDED", "FAILED", "PENDING")) {
      FileWriter writer = new FileWriter(directory, status, spec.outputType(), maxFileBytes, files);
      for (ChildResult result : results) {
        if (fileStatus(result).equals(status)) {
          for (JsonNode entry : entries(spec.transformation(), result)) {
            writer.add(entry);
          }
        }
      }
      writer.finish();
    }
    return files;
  }

  /**
   * The manifest: {@code {"DestinationBucket","MapRunArn","ResultFiles":{"FAILED":[{"Key","Size"}],
   * "PENDING":[...],"SUCCEEDED":[...]}}}.
   */
  public static ResultFile manifest(ResultWriterSpec spec, String mapRunArn, List<ResultFile> resultFiles) {
    ObjectNode manifest = Json.object();
    manifest.put("DestinationBucket", spec.bucket());
    manifest.put("MapRunArn", mapRunArn);
    ObjectNode byStatus = manifest.putObject("ResultFiles");
    for (String status : STATUSES) {
      ArrayNode list = byStatus.putArray(status);
      for (ResultFile file : resultFiles) {
        if (status.equals(file.status())) {
          list.addObject().put("Key", file.key()).put("Size", file.size());
        }
      }
    }
    return new ResultFile(null, manifestKey(spec, mapRunArn), Json.write(manifest).getBytes(StandardCharsets.UTF_8));
  }

  /** The Map state's result when results were exported: {@code {"MapRunArn","ResultWriterDetails":{"Bucket","Key"}}}. */
  public static ObjectNode mapResult(String mapRunArn, String bucket, String manifestKey) {
    ObjectNode result = Json.object();
    result.put("MapRunArn", mapRunArn);
    result.putObject("ResultWriterDetails").put("Bucket", bucket).put("Key", manifestKey);
    return result;
  }

  /**
   * The Map state's result when nothing is exported (no ResultWriter, or WriterConfig only): the
   * children's results in item order, transformed as {@code spec} says (COMPACT: the outputs).
   * With {@code spec} null (no ResultWriter) the transformation is COMPACT.
   */
  public static JsonNode inlineResult(ResultWriterSpec spec, Iterable<ChildResult> results) {
    ResultWriterSpec.Transformation transformation =
        spec == null ? ResultWriterSpec.Transformation.COMPACT : spec.transformation();
    ArrayNode out = Json.array();
    for (ChildResult result : results) {
      out.addAll(entries(transformation, result));
    }
    return out;
  }

  /** A file's body as text (UTF-8). */
  static String bodyText(ResultFile file) {
    return new String(file.body(), StandardCharsets.UTF_8);
  }

  /** Which result file a child goes to. */
  static String fileStatus(ChildResult result) {
    return switch (result.status()) {
      case "SUCCEEDED" -> "SUCCEEDED";
      case "FAILED", "TIMED_OUT", "ABORTED" -> "FAILED";
      default -> "PENDING";
    };
  }

  /** A child's entries under a transformation: its record, its output, or its output's elements. */
  private static List<JsonNode> entries(ResultWriterSpec.Transformation transformation, ChildResult result) {
    if (!result.succeeded() || transformation == ResultWriterSpec.Transformation.NONE) {
      return List.of(result.toRecord());
    }
    JsonNode output = result.output() == null ? Json.NODES.nullNode() : result.output();
    if (transformation == ResultWriterSpec.Transformation.FLATTEN && output.isArray()) {
      List<JsonNode> elements = new ArrayList<>(output.size());
      output.forEach(elements::add);
      return elements;
    }
    return List.of(output);
  }

  /** Writes one status's entries into files of at most {@code maxBytes}, numbered from 0. */
  private static final class FileWriter {
    private final String directory;
    private final String status;
    private final boolean lines;
    private final long maxBytes;
    private final List<ResultFile> files;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int entries;

    FileWriter(String directory, String status, ResultWriterSpec.OutputType type, long maxBytes, List<ResultFile> files) {
      this.directory = directory;
      this.status = status;
      this.lines = type == ResultWriterSpec.OutputType.JSONL;
      this.maxBytes = maxBytes;
      this.files = files;
    }

    void add(JsonNode entry) {
      byte[] text = Json.write(entry).getBytes(StandardCharsets.UTF_8);
      // JSON: '[' or ',' before the entry and the closing ']'; JSON Lines: the newline
      long grown = body.size() + text.length + (lines ? 1 : 2);
      if (entries > 0 && grown > maxBytes) {
        flush();
      }
      if (lines) {
        body.writeBytes(text);
        body.write('\n');
      } else {
        body.write(entries == 0 ? '[' : ',');
        body.writeBytes(text);
      }
      entries++;
    }

    void finish() {
      if (entries > 0) {
        flush();
      }
    }

    private void flush() {
      if (!lines) {
        body.write(']');
      }
      int index = (int) files.stream().filter(f -> status.equals(f.status())).count();
      files.add(new ResultFile(status, directory + status + "_" + index + ".json", body.toByteArray()));
      body.reset();
      entries = 0;
    }
  }
}
