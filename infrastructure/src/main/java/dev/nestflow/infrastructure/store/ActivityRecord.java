package dev.nestflow.infrastructure.store;

/** A created activity: its ARN, name and creation time. */
public record ActivityRecord(String activityArn, String name, long createdMillis) {}
