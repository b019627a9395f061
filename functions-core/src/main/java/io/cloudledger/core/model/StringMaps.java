package io.cloudledger.core.model;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Immutable, sorted copies of tag and metadata maps, so equal content means equal maps. */
final class StringMaps {
  private StringMaps() {}

  /** A sorted, unmodifiable copy; null means empty and a null value becomes "". */
  static SortedMap<String, String> sortedCopy(Map<String, String> source, String what) {
    if (source == null || source.isEmpty()) {
      return Collections.emptySortedMap();
    }
    TreeMap<String, String> copy = new TreeMap<>();
    source.forEach(
        (key, value) -> {
          if (key == null) {
            throw new IllegalArgumentException(what + " must not contain a null key");
          }
          copy.put(key, value == null ? "" : value);
        });
    return Collections.unmodifiableSortedMap(copy);
  }
}
