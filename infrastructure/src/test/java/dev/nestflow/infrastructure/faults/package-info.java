/**
 * Fault injection for the queue/store runtime: {@link dev.nestflow.infrastructure.faults.FaultPlan}
 * decides from a seed, call by call, to crash before or after a store/queue call
 * ({@link dev.nestflow.infrastructure.faults.InjectedCrash}), throttle a store call, time the function
 * out in the middle of a step, make a step outlast its message's visibility timeout, duplicate, delay
 * or reorder messages, let another handler step in before a conditional write, put forged messages
 * on the queue ({@link dev.nestflow.infrastructure.faults.Forger}) and skew each container's clock;
 * the decorators {@link dev.nestflow.infrastructure.faults.FaultyExecutionStore} and
 * {@link dev.nestflow.infrastructure.faults.FaultyMessageQueue} carry the plan out, and
 * {@link dev.nestflow.infrastructure.faults.RedrivePolicyQueue} moves a message that keeps failing to
 * a dead-letter queue. The suite that uses them (FaultInjectionTest, FaultKindsTest) compares every
 * execution of a faulty run with the fault-free run of the same seed;
 * {@code -Dfaults.seeds=N -Dfaults.rate=R -Dfaults.kinds=A,B} runs longer schedules or chosen kinds.
 * All of it is test code: the infrastructure test-jar shares it with the benchmarks, and the runtime
 * never ships it.
 */
package dev.nestflow.infrastructure.faults;
