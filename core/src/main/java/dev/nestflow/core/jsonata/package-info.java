/**
 * JSONata for the JSONata query language of Step Functions.
 *
 * <p>{@link dev.nestflow.core.jsonata.JsonataEngine} is the seam to the library that evaluates
 * JSONata (today {@link dev.nestflow.core.jsonata.DashjoinEngine}, on com.dashjoin:jsonata);
 * {@link dev.nestflow.core.jsonata.Jsonata} caches parsed expressions;
 * {@link dev.nestflow.core.jsonata.JsonataTemplates} evaluates state fields that hold
 * {@code "{% ... %}"} strings and words failures as AWS does;
 * {@link dev.nestflow.core.jsonata.StepFunctionsFunctions} holds the functions AWS adds.
 *
 * <p>Known differences between com.dashjoin:jsonata 0.9.x and JSONata 2.0.6 (the JavaScript
 * reference AWS runs):
 *
 * <ul>
 *   <li>Some error messages are filled differently ({@code Argument "1" of Object "f" does not
 *       match Object signature}); the common signature texts are rewritten to JSONata's wording,
 *       others (e.g. T0412's unfilled {@code {{type}}}) are passed through.
 *   <li>Regular expressions are Java's ({@link java.util.regex.Pattern}), not ECMAScript's:
 *       look-behind, named groups and some escapes behave differently at the edges.
 *   <li>Numbers: JSONata numbers are IEEE doubles in both, but a non-integral result is written
 *       by Jackson ({@code 1.0E-7}) where JavaScript writes {@code 1e-7}.
 *   <li>{@code $now()} and {@code $millis()} are rebound to the execution's current time so that
 *       the interpreter stays free of the clock; {@code $random()} without a seed draws from the
 *       execution's generator, so values differ from AWS (as they do between AWS runs).
 * </ul>
 *
 * <p>As AWS offers it: {@code $eval} is not available (AWS documents {@code $parse} as its
 * replacement); calling it fails with {@code T1006: Attempted to invoke a non-function}, as any
 * unbound function does [inferred: AWS's exact cause text is not recorded]. Every evaluation is
 * bounded in time (1 s) and depth (1,000); past either it fails with U1001 and the state with
 * States.QueryEvaluationError.
 */
package dev.nestflow.core.jsonata;
