/**
 * The Amazon States Language intrinsic functions ({@code States.Format}, {@code States.Array}, ...).
 *
 * <p>{@link dev.nestflow.core.intrinsics.IntrinsicParser#parse} turns the text of a {@code .$} field
 * into an {@link dev.nestflow.core.intrinsics.IntrinsicCall} (throwing
 * {@link dev.nestflow.core.intrinsics.IntrinsicSyntaxException} for definitions AWS rejects);
 * {@link dev.nestflow.core.intrinsics.IntrinsicCall#evaluate} computes its value for one state
 * input, failing with {@code States.IntrinsicFailure}. The functions themselves live in
 * {@code functions}, one class each.
 */
package dev.nestflow.core.intrinsics;
