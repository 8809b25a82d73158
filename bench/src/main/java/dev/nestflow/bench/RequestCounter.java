package dev.nestflow.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Counts every AWS request an SDK client makes, by service and operation, and the DynamoDB
 * capacity they consume. Capacity is computed from the items themselves as DynamoDB bills
 * on-demand tables: a write is one write unit per started KB of the item (two in a transaction),
 * plus the same again for the index {@code gsi1} when the item carries its key (the execution
 * heads: the index projects every attribute), a strongly consistent read one read unit per started 4 KB (a Query sums its items first). Item
 * sizes follow DynamoDB's rule for the S and N attributes this store writes.
 */
public final class RequestCounter implements ExecutionInterceptor {
  /** The key attribute of the table's one global secondary index (see DynamoDbExecutionStore). */
  private static final String INDEX_KEY = "gsi1pk";

  private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
  private final LongAdder writeUnits = new LongAdder();
  private final LongAdder readUnits = new LongAdder();
  private final LongAdder bytesWritten = new LongAdder();
  private final LongAdder bytesRead = new LongAdder();
  private final AtomicLong largestItem = new AtomicLong();

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    SdkRequest request = context.request();
    SdkResponse response = context.response();
    boolean emptyReceive = response instanceof ReceiveMessageResponse r && r.messages().isEmpty();
    String key = service + "." + operation + (emptyReceive ? "(empty)" : "");
    requests.computeIfAbsent(key, k -> new LongAdder()).increment();
    if (request instanceof TransactWriteItemsRequest t) {
      for (TransactWriteItem item : t.transactItems()) {
        if (item.put() != null) {
          wrote(item.put().item(), 2);
        }
      }
    } else if (request instanceof PutItemRequest p) {
      wrote(p.item(), 1);
    }
    if (response instanceof QueryResponse q) {
      long size = 0;
      for (Map<String, AttributeValue> item : q.items()) {
        size += itemSize(item);
      }
      read(size);
    } else if (response instanceof GetItemResponse g) {
      read(g.hasItem() ? itemSize(g.item()) : 0);
    } else if (response instanceof BatchGetItemResponse b) {
      b.responses().values().forEach(items -> items.forEach(i -> read(itemSize(i))));
    }
  }

  private void wrote(Map<String, AttributeValue> item, int unitsPerKb) {
    long size = itemSize(item);
    bytesWritten.add(size);
    long units = unitsPerKb * Math.max(1, (size + 1023) / 1024);
    writeUnits.add(item.containsKey(INDEX_KEY) ? 2 * units : units);
    largestItem.accumulateAndGet(size, Math::max);
  }

  private void read(long size) {
    bytesRead.add(size);
    readUnits.add(Math.max(1, (size + 4095) / 4096));
  }

  static long itemSize(Map<String, AttributeValue> item) {
    long total = 0;
    for (Map.Entry<String, AttributeValue> a : item.entrySet()) {
      total += utf8(a.getKey());
      AttributeValue v = a.getValue();
      if (v.s() != null) {
        total += utf8(v.s());
      } else if (v.n() != null) {
        String digits = v.n().replace("-", "").replace(".", "").replaceFirst("^0+(?=.)", "");
        total += Math.min(21, (digits.length() + 1) / 2 + 1);
      } else {
        total += 1;
      }
    }
    return total;
  }

  private static long utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  /** A snapshot of the counts so far. */
  public Counts snapshot() {
    Map<String, Long> byOp = new TreeMap<>();
    requests.forEach((k, v) -> byOp.put(k, v.sum()));
    return new Counts(byOp, writeUnits.sum(), readUnits.sum(), bytesWritten.sum(), bytesRead.sum(), largestItem.get());
  }

  public void reset() {
    requests.clear();
    writeUnits.reset();
    readUnits.reset();
    bytesWritten.reset();
    bytesRead.reset();
    largestItem.set(0);
  }

  /** Counts of requests by "Service.Operation", DynamoDB capacity units and bytes. */
  public record Counts(Map<String, Long> requests, long writeUnits, long readUnits, long bytesWritten, long bytesRead,
      long largestItemWritten) {
    /**
     * Requests whose "Service.Operation" starts with {@code servicePrefix} ("DynamoDb.", "Sqs."),
     * without empty receives: an idle poller's, not a transition's, and bounded by the polling rate.
     */
    public long total(String servicePrefix) {
      return requests.entrySet().stream()
          .filter(e -> e.getKey().startsWith(servicePrefix) && !e.getKey().endsWith("(empty)"))
          .mapToLong(Map.Entry::getValue).sum();
    }
  }
}
