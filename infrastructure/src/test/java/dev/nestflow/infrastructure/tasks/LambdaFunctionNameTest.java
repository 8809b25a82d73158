package dev.nestflow.infrastructure.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LambdaFunctionNameTest {

  @Test
  void plainNameHasNoQualifierRegionOrAccount() {
    assertThat(LambdaFunctionName.parse("my-fn")).isEqualTo(new LambdaFunctionName("my-fn", null, null, null));
  }

  @Test
  void nameWithColonCarriesTheQualifier() {
    assertThat(LambdaFunctionName.parse("my-fn:prod").qualifier()).isEqualTo("prod");
  }

  @Test
  void partialArnCarriesAccountAndQualifier() {
    assertThat(LambdaFunctionName.parse("123456789012:function:my-fn:7"))
        .isEqualTo(new LambdaFunctionName("my-fn", "7", null, "123456789012"));
  }

  @Test
  void fullArnCarriesRegionAccountAndQualifier() {
    assertThat(LambdaFunctionName.parse("arn:aws:lambda:eu-west-1:123456789012:function:my-fn:$LATEST"))
        .isEqualTo(new LambdaFunctionName("my-fn", "$LATEST", "eu-west-1", "123456789012"));
  }

  @Test
  void arnUsesItsOwnRegionAndAccountOverTheDefaults() {
    LambdaFunctionName name = LambdaFunctionName.parse("arn:aws:lambda:eu-west-1:111:function:f");
    assertThat(name.arn("aws", "us-east-1", "222", "$LATEST")).isEqualTo("arn:aws:lambda:eu-west-1:111:function:f:$LATEST");
    assertThat(LambdaFunctionName.parse("f").arn("aws", "us-east-1", "222", null))
        .isEqualTo("arn:aws:lambda:us-east-1:222:function:f");
  }
}
