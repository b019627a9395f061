package io.cloudledger.aws.dynamodb;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Merges paged queries that are each sorted by the same string key into one sorted iteration. The
 * first page of every query is fetched in parallel up front; later pages are fetched as each
 * query's current page runs out.
 */
final class SortedMerge implements Iterator<Map<String, AttributeValue>> {
  private static final int FIRST_PAGE_PARALLELISM = 16;

  private record Head(Map<String, AttributeValue> item, String key, PagedQuery rest) {}

  private final List<PagedQuery> sources;
  private final Function<Map<String, AttributeValue>, String> key;
  private PriorityQueue<Head> heads;

  SortedMerge(List<PagedQuery> sources, Function<Map<String, AttributeValue>, String> key) {
    this.sources = List.copyOf(sources);
    this.key = key;
  }

  @Override
  public boolean hasNext() {
    return heads().size() > 0;
  }

  @Override
  public Map<String, AttributeValue> next() {
    Head head = heads().poll();
    if (head == null) {
      throw new NoSuchElementException();
    }
    advance(head.rest(), heads);
    return head.item();
  }

  /** Reads the first page of every source on first use, so building a stream costs no call. */
  private PriorityQueue<Head> heads() {
    if (heads == null) {
      Concurrently.forEach(sources, FIRST_PAGE_PARALLELISM, PagedQuery::hasNext);
      PriorityQueue<Head> queue = new PriorityQueue<>((a, b) -> a.key().compareTo(b.key()));
      for (PagedQuery source : sources) {
        advance(source, queue);
      }
      heads = queue;
    }
    return heads;
  }

  private void advance(PagedQuery source, PriorityQueue<Head> queue) {
    if (source.hasNext()) {
      Map<String, AttributeValue> item = source.next();
      queue.add(new Head(item, key.apply(item), source));
    }
  }
}
