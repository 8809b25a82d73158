package dev.nestflow.core.validation;

import dev.nestflow.core.states.QueryLanguage;
import java.util.HashSet;
import java.util.Set;

/** What every check of one definition shares: machine type and language, and the findings. */
final class CheckContext {
  final boolean express;
  final QueryLanguage machineLanguage;
  final IntrinsicSyntax intrinsics;
  final Findings findings = new Findings();
  final Set<String> stateNames = new HashSet<>();

  CheckContext(boolean express, QueryLanguage machineLanguage, IntrinsicSyntax intrinsics) {
    this.express = express;
    this.machineLanguage = machineLanguage;
    this.intrinsics = intrinsics;
  }
}
