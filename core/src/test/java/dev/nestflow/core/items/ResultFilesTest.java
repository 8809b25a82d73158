package dev.nestflow.core.items;

import static dev.nestflow.core.items.Items.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.items.ResultWriterSpec.OutputType;
import dev.nestflow.core.items.ResultWriterSpec.Transformation;
import dev.nestflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultFilesTest {
  private static final String RUN = "arn:aws:states:us-east-2:123456789012:mapRun:csvProcess/Map:ad9b5f27-090b-3ac6-9beb-243cd77144a7";
  private static final String SM = "arn:aws:states:us-east-2:123456789012:stateMachine:csvProcess/Map";
  private static final Instant START = Instant.parse("2025-02-04T01:49:50.099Z");
  private static final Instant STOP = Instant.parse("2025-02-04T01:49:50.163412Z");

  private static ChildResult succeeded(String name, String input, String output) {
    return new ChildResult(SM.replace("stateMachine", "execution") + ":" + name, name, SM, "SUCCEEDED",
        json(input), json(output), null, null, START, STOP, 0, "NOT_REDRIVABLE",
        "Execution is SUCCEEDED and cannot be redriven");
  }

  private static ChildResult failed(String name, String status) {
    return new ChildResult(SM.replace("stateMachine", "execution") + ":" + name, name, SM, status,
        json("{\"n\":9}"), null, "Boom", "it broke", START, STOP, 0, "REDRIVABLE", null);
  }

  private static ChildResult pending(String name) {
    return new ChildResult(null, name, SM, "PENDING", json("{\"n\":8}"), null, null, null, null, null, 0, null, null);
  }

  private static String body(ResultFile file) {
    return new String(file.body(), StandardCharsets.UTF_8);
  }

  @Test
  void aSucceededChildIsRecordedAsAwsWritesIt() {
    assertThat(Json.write(succeeded("a1", "{\"n\":1}", "[1,2]").toRecord())).isEqualTo("{"
        + "\"ExecutionArn\":\"arn:aws:states:us-east-2:123456789012:execution:csvProcess/Map:a1\","
        + "\"Input\":\"{\\\"n\\\":1}\",\"InputDetails\":{\"Included\":true},\"Name\":\"a1\","
        + "\"Output\":\"[1,2]\",\"OutputDetails\":{\"Included\":true},\"RedriveCount\":0,"
        + "\"RedriveStatus\":\"NOT_REDRIVABLE\",\"RedriveStatusReason\":\"Execution is SUCCEEDED and cannot be redriven\","
        + "\"StartDate\":\"2025-02-04T01:49:50.099Z\",\"StateMachineArn\":\"" + SM + "\","
        + "\"Status\":\"SUCCEEDED\",\"StopDate\":\"2025-02-04T01:49:50.163Z\"}");
  }

  @Test
  void aFailedChildCarriesItsErrorAndCauseAndNoOutput() {
    JsonNode record = failed("f1", "FAILED").toRecord();
    assertThat(record.get("Error").textValue()).isEqualTo("Boom");
    assertThat(record.get("Cause").textValue()).isEqualTo("it broke");
    assertThat(record.has("Output")).isFalse();
    assertThat(record.fieldNames()).toIterable()
        .containsExactly("Cause", "Error", "ExecutionArn", "Input", "InputDetails", "Name", "RedriveCount",
            "RedriveStatus", "StartDate", "StateMachineArn", "Status", "StopDate");
  }

  @Test
  void aPendingItemIsRecordedWithWhatItHasNoNulls() {
    assertThat(Json.write(pending("e").toRecord())).isEqualTo("{\"Input\":\"{\\\"n\\\":8}\","
        + "\"InputDetails\":{\"Included\":true},\"Name\":\"e\",\"RedriveCount\":0,"
        + "\"StateMachineArn\":\"" + SM + "\",\"Status\":\"PENDING\"}");
  }

  @Test
  void resultsGoUnderThePrefixAndTheMapRunIdByStatus() {
    ResultWriterSpec spec = new ResultWriterSpec("out", "csvProcessJobs", OutputType.JSON, Transformation.NONE);
    List<ResultFile> files = ResultFiles.resultFiles(spec, RUN, List.of(
        succeeded("a", "1", "\"x\""), failed("b", "TIMED_OUT"), succeeded("c", "2", "\"y\""),
        failed("d", "ABORTED"), pending("e"), failed("g", "FAILED")));
    String dir = "csvProcessJobs/ad9b5f27-090b-3ac6-9beb-243cd77144a7/";
    assertThat(files).extracting(ResultFile::key)
        .containsExactly(dir + "SUCCEEDED_0.json", dir + "FAILED_0.json", dir + "PENDING_0.json");
    assertThat(json(body(files.get(0))).findValuesAsText("Name")).containsExactly("a", "c");
    assertThat(json(body(files.get(1))).findValuesAsText("Status")).containsExactly("TIMED_OUT", "ABORTED", "FAILED");
    assertThat(json(body(files.get(2))).get(0).get("Name").textValue()).isEqualTo("e");
  }

  @Test
  void theManifestListsEveryStatusWithFullKeysAndSizes() {
    ResultWriterSpec spec = new ResultWriterSpec("out", "jobs/", OutputType.JSON, Transformation.NONE);
    List<ResultFile> files = ResultFiles.resultFiles(spec, RUN, List.of(succeeded("a", "1", "2")));
    ResultFile manifest = ResultFiles.manifest(spec, RUN, files);
    String dir = "jobs/ad9b5f27-090b-3ac6-9beb-243cd77144a7/";
    assertThat(manifest.key()).isEqualTo(dir + "manifest.json");
    assertThat(body(manifest)).isEqualTo("{\"DestinationBucket\":\"out\",\"MapRunArn\":\"" + RUN + "\","
        + "\"ResultFiles\":{\"FAILED\":[],\"PENDING\":[],\"SUCCEEDED\":[{\"Key\":\"" + dir + "SUCCEEDED_0.json\","
        + "\"Size\":" + files.get(0).body().length + "}]}}");
    assertThat(Json.write(ResultFiles.mapResult(RUN, "out", manifest.key()))).isEqualTo("{\"MapRunArn\":\"" + RUN
        + "\",\"ResultWriterDetails\":{\"Bucket\":\"out\",\"Key\":\"" + dir + "manifest.json\"}}");
  }

  @Test
  void anEmptyPrefixPutsTheRunAtTheBucketRoot() {
    ResultWriterSpec spec = new ResultWriterSpec("out", "", OutputType.JSON, Transformation.NONE);
    assertThat(ResultFiles.manifestKey(spec, RUN)).isEqualTo("ad9b5f27-090b-3ac6-9beb-243cd77144a7/manifest.json");
  }

  @Test
  void compactAndFlattenKeepOutputsButFailedChildrenStayWhole() {
    List<ChildResult> results = List.of(succeeded("a", "1", "[1,2]"), failed("b", "FAILED"), succeeded("c", "2", "3"));
    ResultWriterSpec compact = new ResultWriterSpec("out", "p", OutputType.JSON, Transformation.COMPACT);
    ResultWriterSpec flatten = new ResultWriterSpec("out", "p", OutputType.JSON, Transformation.FLATTEN);
    assertThat(body(ResultFiles.resultFiles(compact, RUN, results).get(0))).isEqualTo("[[1,2],3]");
    assertThat(body(ResultFiles.resultFiles(flatten, RUN, results).get(0))).isEqualTo("[1,2,3]");
    assertThat(json(body(ResultFiles.resultFiles(flatten, RUN, results).get(1))).get(0).get("Error").textValue())
        .isEqualTo("Boom");
    JsonNode inline = ResultFiles.inlineResult(flatten, results);
    assertThat(inline.size()).isEqualTo(4);
    assertThat(Json.write(ResultFiles.inlineResult(null, List.of(succeeded("a", "1", "[1,2]"), succeeded("c", "2", "3")))))
        .isEqualTo("[[1,2],3]");
  }

  @Test
  void jsonLinesWriteOneRecordPerLine() {
    ResultWriterSpec spec = new ResultWriterSpec("out", "p", OutputType.JSONL, Transformation.COMPACT);
    assertThat(body(ResultFiles.resultFiles(spec, RUN, List.of(succeeded("a", "1", "{\"v\":1}"), succeeded("b", "1", "2")))
        .get(0))).isEqualTo("{\"v\":1}\n2\n");
  }

  @Test
  void aFullFileContinuesInTheNextIndex() {
    ResultWriterSpec spec = new ResultWriterSpec("out", "p", OutputType.JSON, Transformation.COMPACT);
    List<ChildResult> results = List.of(succeeded("a", "1", "111"), succeeded("b", "1", "222"), succeeded("c", "1", "333"));
    // [111,222] is 9 bytes; a third entry would make 13
    List<ResultFile> files = ResultFiles.resultFiles(spec, RUN, results, 12);
    assertThat(files).extracting(ResultFiles::bodyText).containsExactly("[111,222]", "[333]");
    assertThat(files).extracting(ResultFile::key).allSatisfy(k -> assertThat(k).matches("p/.*/SUCCEEDED_[01]\\.json"));
    assertThat(files.get(1).key()).endsWith("SUCCEEDED_1.json");
    assertThat(ResultFiles.manifest(spec, RUN, files).body().length).isGreaterThan(0);
  }
}
