package dev.nestflow.core.items;

import static dev.nestflow.core.items.Items.failsWith;
import static dev.nestflow.core.items.Items.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nestflow.core.items.ResultWriterSpec.OutputType;
import dev.nestflow.core.items.ResultWriterSpec.Transformation;
import org.junit.jupiter.api.Test;

class ResultWriterSpecTest {
  private static final String FAILED = "States.ResultWriterFailed";

  @Test
  void exportingWithoutWriterConfigKeepsWholeRecordsAsJson() {
    ResultWriterSpec spec = ResultWriterSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"out","Prefix":"jobs"}}"""));
    assertThat(spec).isEqualTo(new ResultWriterSpec("out", "jobs", OutputType.JSON, Transformation.NONE));
    assertThat(spec.exports()).isTrue();
  }

  @Test
  void writerConfigAloneShapesTheStateOutputAndExportsNothing() {
    ResultWriterSpec spec = ResultWriterSpec.parse(json("{\"WriterConfig\":{\"Transformation\":\"FLATTEN\"}}"));
    assertThat(spec).isEqualTo(new ResultWriterSpec(null, null, OutputType.JSON, Transformation.FLATTEN));
    assertThat(spec.exports()).isFalse();
    assertThat(ResultWriterSpec.parse(json("{\"WriterConfig\":{}}")).transformation()).isEqualTo(Transformation.COMPACT);
  }

  @Test
  void allThreeFieldsUnderJsonataArguments() {
    ResultWriterSpec spec = ResultWriterSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:putObject","Arguments":{"Bucket":"out"},
         "WriterConfig":{"OutputType":"JSONL","Transformation":"COMPACT"}}"""));
    assertThat(spec).isEqualTo(new ResultWriterSpec("out", "", OutputType.JSONL, Transformation.COMPACT));
  }

  @Test
  void refusesBlocksAwsWouldRefuseOrNestflowCannotRun() {
    failsWith(FAILED, () -> ResultWriterSpec.parse(json("{}"))).hasMessageContaining("WriterConfig");
    failsWith(FAILED, () -> ResultWriterSpec.parse(json("{\"Resource\":\"arn:aws:states:::s3:putObject\"}")))
        .hasMessageContaining("Parameters");
    failsWith(FAILED, () -> ResultWriterSpec.parse(json("{\"Parameters\":{\"Bucket\":\"b\"}}")))
        .hasMessageContaining("'Resource'");
    failsWith(FAILED, () -> ResultWriterSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b"}}"""))).hasMessageContaining("putObject");
    failsWith(FAILED, () -> ResultWriterSpec.parse(json("""
        {"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"b","Acl":"x"}}"""))).hasMessageContaining("'Acl'");
    failsWith(FAILED, () -> ResultWriterSpec.parse(json("{\"WriterConfig\":{\"OutputType\":\"CSV\"}}")))
        .hasMessageContaining("CSV");
  }
}
