package dev.nestflow.infrastructure.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The embedded {@link MapRunStore}: maps guarded by one lock. */
public final class InMemoryMapRunStore implements MapRunStore {
  private final Object lock = new Object();
  private final Map<String, MapRunRecord> heads = new HashMap<>();
  private final Map<String, Map<Integer, String>> inputs = new HashMap<>();
  private final Map<String, Map<Integer, ChildOutcome>> outcomes = new HashMap<>();
  private final Set<String> ticks = new HashSet<>();
  private final Map<String, Integer> chunkCounts = new HashMap<>();
  private final Map<String, Integer> chunkFailures = new HashMap<>();

  @Override
  public boolean create(MapRunRecord run) {
    synchronized (lock) {
      return heads.putIfAbsent(run.mapRunArn(), run) == null;
    }
  }

  @Override
  public Optional<MapRunRecord> mapRun(String mapRunArn) {
    synchronized (lock) {
      return Optional.ofNullable(heads.get(mapRunArn));
    }
  }

  @Override
  public List<MapRunRecord> mapRuns(String executionArn) {
    synchronized (lock) {
      List<MapRunRecord> out = new ArrayList<>();
      for (MapRunRecord r : heads.values()) {
        if (r.executionArn().equals(executionArn)) {
          out.add(r);
        }
      }
      out.sort(Comparator.comparingLong(MapRunRecord::startMillis).reversed().thenComparing(MapRunRecord::mapRunArn));
      return out;
    }
  }

  @Override
  public boolean claim(String mapRunArn, int from, int to, MapRunRecord.Progress progress) {
    synchronized (lock) {
      MapRunRecord r = heads.get(mapRunArn);
      if (r == null || !r.running() || r.cursor() != from) {
        return false;
      }
      heads.put(mapRunArn, progress == null ? r.withCursor(to) : r.withCursor(to).withProgress(progress));
      return true;
    }
  }

  @Override
  public boolean advance(String mapRunArn, MapRunRecord.Progress seen, MapRunRecord.Progress next) {
    synchronized (lock) {
      MapRunRecord r = heads.get(mapRunArn);
      if (r == null || !r.running() || r.progress().completeChunks() != seen.completeChunks()) {
        return false;
      }
      heads.put(mapRunArn, r.withProgress(next));
      return true;
    }
  }

  @Override
  public boolean updateLimits(String mapRunArn, int maxConcurrency, long count, double percentage) {
    synchronized (lock) {
      MapRunRecord r = heads.get(mapRunArn);
      if (r == null || !r.running()) {
        return false;
      }
      heads.put(mapRunArn, r.withLimits(maxConcurrency, count, percentage));
      return true;
    }
  }

  @Override
  public boolean end(String mapRunArn, String status, long stopMillis, String error, String cause) {
    synchronized (lock) {
      MapRunRecord r = heads.get(mapRunArn);
      if (r == null || !r.running()) {
        return false;
      }
      heads.put(mapRunArn, r.ended(status, stopMillis, error, cause));
      return true;
    }
  }

  @Override
  public void putInputs(String mapRunArn, int chunk, String inputsJson) {
    synchronized (lock) {
      inputs.computeIfAbsent(mapRunArn, k -> new HashMap<>()).putIfAbsent(chunk, inputsJson);
    }
  }

  @Override
  public Optional<String> inputs(String mapRunArn, int chunk) {
    synchronized (lock) {
      return Optional.ofNullable(inputs.getOrDefault(mapRunArn, Map.of()).get(chunk));
    }
  }

  @Override
  public int record(String mapRunArn, int chunk, Map<Integer, ChildOutcome> recorded) {
    synchronized (lock) {
      Map<Integer, ChildOutcome> all = outcomes.computeIfAbsent(mapRunArn, k -> new TreeMap<>());
      int added = 0;
      int failed = 0;
      for (Map.Entry<Integer, ChildOutcome> e : recorded.entrySet()) {
        if (all.putIfAbsent(e.getKey(), e.getValue()) == null) {
          added++;
          failed += e.getValue().succeeded() ? 0 : 1;
        }
      }
      chunkFailures.merge(mapRunArn + "#" + chunk, failed, Integer::sum);
      int count = chunkCounts.merge(mapRunArn + "#" + chunk, added, Integer::sum);
      return added == recorded.size() ? count : -1;
    }
  }

  @Override
  public Map<Integer, ChildOutcome> outcomes(String mapRunArn) {
    synchronized (lock) {
      return new TreeMap<>(outcomes.getOrDefault(mapRunArn, Map.of()));
    }
  }

  @Override
  public Map<Integer, ChunkCount> counts(String mapRunArn, int fromChunk, int toChunk) {
    synchronized (lock) {
      Map<Integer, ChunkCount> out = new TreeMap<>();
      for (int chunk = fromChunk; chunk <= toChunk; chunk++) {
        Integer ended = chunkCounts.get(mapRunArn + "#" + chunk);
        if (ended != null) {
          out.put(chunk, new ChunkCount(ended, chunkFailures.getOrDefault(mapRunArn + "#" + chunk, 0)));
        }
      }
      return out;
    }
  }

  @Override
  public boolean requestTick(String mapRunArn) {
    synchronized (lock) {
      return ticks.add(mapRunArn);
    }
  }

  @Override
  public Optional<MapRunRecord> startTick(String mapRunArn) {
    synchronized (lock) {
      ticks.remove(mapRunArn);
      return Optional.ofNullable(heads.get(mapRunArn));
    }
  }

  @Override
  public boolean reopen(String mapRunArn, String taskKey, long atMillis) {
    synchronized (lock) {
      MapRunRecord r = heads.get(mapRunArn);
      if (r == null || r.running()) {
        return false;
      }
      heads.put(mapRunArn, r.reopened(taskKey, atMillis));
      return true;
    }
  }

  @Override
  public void forget(String mapRunArn, int chunk, Set<Integer> indexes) {
    synchronized (lock) {
      Map<Integer, ChildOutcome> all = outcomes.getOrDefault(mapRunArn, new HashMap<>());
      int removed = 0;
      int failed = 0;
      for (int index : indexes) {
        ChildOutcome gone = all.remove(index);
        if (gone != null) {
          removed++;
          failed += gone.succeeded() ? 0 : 1;
        }
      }
      chunkCounts.merge(mapRunArn + "#" + chunk, -removed, Integer::sum);
      chunkFailures.merge(mapRunArn + "#" + chunk, -failed, Integer::sum);
    }
  }
}
