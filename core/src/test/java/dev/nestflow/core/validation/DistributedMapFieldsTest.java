package dev.nestflow.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * ItemReader, ItemBatcher and ResultWriter are run by nestflow's map runs: a definition using them
 * validates without a warning (what the runtime cannot do with them fails the run, naming it).
 */
class DistributedMapFieldsTest {
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
  void distributedMapItemFieldsValidateWithoutWarnings() {
    ValidationReport report = DefinitionValidator.validateForApi(MAP, "STANDARD", "WARNING", null);

    assertThat(report.result()).isEqualTo(ValidationReport.OK);
    assertThat(report.diagnostics()).isEmpty();
  }
}
