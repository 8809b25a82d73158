package dev.nestflow.infrastructure.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A minimal EventBridge for embedded mode: event buses by name ({@code default} always exists),
 * events kept in order of putting. PutEvents answers per entry as EventBridge does: an event id, or
 * an error code for an entry without Source, DetailType or Detail, or on a bus that does not exist.
 */
public final class InMemoryEvents {
  /** One accepted event. */
  public record Event(String eventBusName, String eventId, String source, String detailType, String detail) {}

  /** One entry's answer: an event id, or an error code and message. */
  public record Result(String eventId, String errorCode, String errorMessage) {}

  private final Set<String> buses = new LinkedHashSet<>(Set.of("default"));
  private final List<Event> events = new ArrayList<>();
  private final Supplier<String> ids;

  public InMemoryEvents(Supplier<String> ids) {
    this.ids = ids;
  }

  public synchronized void createEventBus(String name) {
    buses.add(name);
  }

  public synchronized List<Event> events() {
    return List.copyOf(events);
  }

  /** PutEvents for one entry ({@code Source}, {@code DetailType}, {@code Detail} as text, {@code EventBusName}). */
  public synchronized Result put(JsonNode entry) {
    String bus = busName(entry.path("EventBusName").asText("default"));
    if (!entry.path("Source").isTextual() || !entry.path("DetailType").isTextual() || !entry.path("Detail").isTextual()) {
      return new Result(null, "InvalidArgument", "Parameters Source, DetailType and Detail are required.");
    }
    if (!buses.contains(bus)) {
      return new Result(null, "NotAuthorizedForSourceException", "Not authorized for the source.");
    }
    Event event = new Event(bus, ids.get(), entry.get("Source").asText(), entry.get("DetailType").asText(),
        entry.get("Detail").asText());
    events.add(event);
    return new Result(event.eventId(), null, null);
  }

  /** A bus given by ARN is known by its name. */
  private static String busName(String nameOrArn) {
    int slash = nameOrArn.lastIndexOf('/');
    return nameOrArn.startsWith("arn:") && slash > 0 ? nameOrArn.substring(slash + 1) : nameOrArn;
  }
}
