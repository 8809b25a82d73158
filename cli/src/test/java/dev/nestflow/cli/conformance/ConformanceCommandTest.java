package dev.nestflow.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nestflow.core.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConformanceCommandTest {
  @TempDir Path dir;

  private void writeCase(String area, String name, String body) throws Exception {
    Path file = dir.resolve("cases").resolve(area).resolve(name + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, ("{'id':'" + area + "/" + name + "','kind':'execution','type':'STANDARD',"
        + "'definition':{'StartAt':'S','States':{'S':{'Type':'Pass','End':true}}},'placeholders':[],'notes':[]," + body + "}")
        .replace('\'', '"'));
  }

  private String run(FakeEngine engine, String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new ConformanceCommand(() -> engine));
    cli.setOut(new PrintWriter(out));
    cli.execute(args);
    return out.toString();
  }

  @Test
  void printsOneLinePerFailureThenTheCountsAndWritesTheJsonReport() throws Exception {
    writeCase("base", "ok", "'input':{'a':1},'expected':{'status':'SUCCEEDED','output':{'a':1}},'requires':[]");
    writeCase("base", "bad", "'input':{'a':1},'expected':{'status':'SUCCEEDED','output':{'a':2}},'requires':[]");
    writeCase("services", "queue", "'input':{},'expected':{'status':'SUCCEEDED','output':{}},'requires':['sqs']");
    Path report = dir.resolve("out/report.json");

    String out = run(new FakeEngine(), dir.toString(), "--json", report.toString());

    assertThat(out.strip().split("\n"))
        .containsExactly("FAIL base/bad: output at $.a: expected 2, got 1", "conformance: 1 passed, 1 failed, 1 skipped");
    JsonNode json = Json.parse(Files.readString(report));
    assertThat(json).hasSize(3);
    assertThat(json.get(0).get("id").asText()).isEqualTo("base/bad");
    assertThat(json.get(0).get("result").asText()).isEqualTo("fail");
    assertThat(json.get(1).get("result").asText()).isEqualTo("pass");
    assertThat(json.get(1).get("history").asText()).isEqualTo("n/a");
    assertThat(json.get(1).get("detail").isNull()).isTrue();
    assertThat(json.get(2).get("result").asText()).isEqualTo("skip");
    assertThat(json.get(2).get("detail").asText()).isEqualTo("needs sqs");
  }

  @Test
  void areaAndRequiresOptionsSelectCases() throws Exception {
    writeCase("base", "ok", "'input':{},'expected':{'status':'SUCCEEDED','output':{}},'requires':[]");
    writeCase("services", "queue", "'input':{},'expected':{'status':'SUCCEEDED','output':{}},'requires':['sqs']");
    assertThat(run(new FakeEngine(), dir.toString(), "--area", "services")).contains("conformance: 0 passed, 0 failed, 1 skipped");
    assertThat(run(new FakeEngine(), dir.toString(), "--requires", "none")).contains("conformance: 1 passed, 0 failed, 0 skipped");
  }

  @Test
  void historyOptionCountsHistoryDifferencesAsFailures() throws Exception {
    writeCase("base", "hist", "'input':{},'expected':{'status':'SUCCEEDED','output':{}},'requires':[],"
        + "'history':[{'id':1,'previousEventId':0,'timestamp':'timestamp','type':'ExecutionStarted'}]");
    assertThat(run(new FakeEngine(), dir.toString())).contains("conformance: 1 passed, 0 failed, 0 skipped");
    String out = run(new FakeEngine(), dir.toString(), "--history");
    assertThat(out).contains("FAIL base/hist: history event #0: expected ExecutionStarted id=1, actual (none)")
        .contains("conformance: 0 passed, 1 failed, 0 skipped");
  }

  @Test
  void runtimeQueueRunsCasesThroughTheQueueRuntimeInsteadOfTheGivenEngine() throws Exception {
    writeCase("services", "queue", "'input':{'QueueUrl':'<sqs_queue_url>','MessageBody':'hi'},"
        + "'definition':{'StartAt':'S','States':{'S':{'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage',"
        + "'Parameters':{'QueueUrl.$':'$.QueueUrl','MessageBody.$':'$.MessageBody'},'ResultSelector':{'id.$':'$.MD5OfMessageBody'},'End':true}}},"
        + "'resources':[{'kind':'sqs_queue_url','placeholder':'<sqs_queue_url>'}],"
        + "'expected':{'status':'SUCCEEDED','output':{'id':'49f68a5c8493ec2c0bf489821c21fc3b'}},'requires':['sqs']");

    assertThat(run(new FakeEngine(), dir.toString())).contains("conformance: 0 passed, 0 failed, 1 skipped");
    assertThat(run(new FakeEngine(), dir.toString(), "--runtime", "queue")).contains("conformance: 1 passed, 0 failed, 0 skipped");
  }
}
