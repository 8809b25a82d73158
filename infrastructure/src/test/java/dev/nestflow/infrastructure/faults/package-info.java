/**
 * Fault injection for the queue/store runtime: {@link dev.nestflow.infrastructure.faults.FaultPlan}
 * decides from a seed, call by call, to crash before or after a store/queue call
 * ({@link dev.nestflow.infrastructure.faults.InjectedCrash}), duplicate, delay or reorder messages, or
 * let another handler step in before a conditional write; the decorators
 * {@link dev.nestflow.infrastructure.faults.FaultyExecutionStore} and
 * {@link dev.nestflow.infrastructure.faults.FaultyMessageQueue} carry the plan out. The suite that uses
 * them (FaultInjectionTest) compares every execution of a faulty run with the fault-free
 * run of the same seed; {@code -Dfaults.seeds=N -Dfaults.rate=R} runs longer schedules. All of it is
 * test code: the infrastructure test-jar shares it with the benchmarks, and the runtime never ships it.
 */
package dev.nestflow.infrastructure.faults;
