package dev.nestflow.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * ItemReader, ItemBatcher and ResultWriter are valid ASL that nestflow does not run yet: the
 * definition stays valid (AWS accepts it) but validation warns, naming each field.
 */
class UnsupportedFieldWarningTest {
  private static final String MAP = """
      {"StartAt": "M", "States": {"M": {"Type": "Map",
        "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "b"}},
        "ItemBatcher": {"MaxItemsPerBatch": 10},
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b", "Prefix": "out"}},
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
          "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
        "End": true}}}
      """;

  @Test
  void distributedMapFieldsNestflowDoesNotRunAreWarningsNotErrors() {
    ValidationReport withWarnings = DefinitionValidator.validateForApi(MAP, "STANDARD", "WARNING", null);

    assertThat(withWarnings.result()).isEqualTo(ValidationReport.OK);
    assertThat(withWarnings.diagnostics())
        .extracting(d -> d.severity() + " " + d.code() + " " + d.location())
        .containsExactly(
            "WARNING NOT_SUPPORTED_BY_NESTFLOW /States/M/ItemReader",
            "WARNING NOT_SUPPORTED_BY_NESTFLOW /States/M/ItemBatcher",
            "WARNING NOT_SUPPORTED_BY_NESTFLOW /States/M/ResultWriter");
    assertThat(withWarnings.diagnostics().get(0).message()).contains("'ItemReader' is not supported by nestflow yet");
    assertThat(DefinitionValidator.validateForApi(MAP, "STANDARD", null, null).diagnostics()).isEmpty();
  }
}
