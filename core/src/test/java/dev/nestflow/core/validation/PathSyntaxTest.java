package dev.nestflow.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathSyntaxTest {
  @Test
  void acceptsInputContextAndVariablePaths() {
    assertThat(PathSyntax.isPath("$")).isTrue();
    assertThat(PathSyntax.isPath("$.a.b[0]")).isTrue();
    assertThat(PathSyntax.isPath("$$.Task.Token")).isTrue();
    assertThat(PathSyntax.isPath("$myVar.field")).isTrue();
    assertThat(PathSyntax.isPath("$.items[?(@.keep == true)]")).isTrue();
  }

  @Test
  void rejectsTextThatIsNotAPath() {
    assertThat(PathSyntax.isPath("a.b")).isFalse();
    assertThat(PathSyntax.isPath("$.")).isFalse();
    assertThat(PathSyntax.isPath("$.a[")).isFalse();
    assertThat(PathSyntax.isPath("$.a b")).isFalse();
  }

  @Test
  void referencePathsAreDefiniteInputPaths() {
    assertThat(PathSyntax.isReferencePath("$.a.b")).isTrue();
    assertThat(PathSyntax.isReferencePath("$.a[*]")).isFalse();
    assertThat(PathSyntax.isReferencePath("$$.Execution")).isFalse();
  }
}
