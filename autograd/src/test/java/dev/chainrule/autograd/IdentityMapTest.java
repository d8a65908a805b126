package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engine's IdentityMap against IdentityHashMap, the map it replaces: the same answers to
 * every operation, below and above the size at which it moves its entries into a hash map.
 */
class IdentityMapTest {
  /**
   * Keys equal by value but distinct objects: a map that compared with equals() would merge them.
   */
  private static List<Object> keys(int count) {
    List<Object> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add(new String("key"));
    }
    keys.add(null);
    return keys;
  }

  @Test
  void agreesWithIdentityHashMapOnRandomOperations() {
    for (long seed = 0; seed < 40; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      // Some runs stay under the linear limit, others cross it and shrink again.
      List<Object> keys = keys(seed % 2 == 0 ? 12 : 3 * IdentityMap.LINEAR_LIMIT);
      IdentityMap<Object, Integer> map = new IdentityMap<>();
      Map<Object, Integer> model = new IdentityHashMap<>();
      for (int step = 0; step < 600; step++) {
        Object key = keys.get(random.nextInt(keys.size()));
        int value = random.nextInt(5);
        String what = "seed " + seed + ", step " + step;
        switch (random.nextInt(5)) {
          case 0, 1 -> assertEquals(model.put(key, value), map.put(key, value), what);
          case 2 -> assertEquals(model.remove(key), map.remove(key), what);
          case 3 -> assertEquals(model.merge(key, value, Integer::sum),
              map.merge(key, value, Integer::sum), what);
          default -> assertEquals(model.containsKey(key), map.containsKey(key), what);
        }
        assertEquals(model.size(), map.size(), what);
        assertEquals(model.get(key), map.get(key), what);
      }
      assertEquals(new IdentityHashMap<>(model), new IdentityHashMap<>(map), "seed " + seed);
    }
  }

  @Test
  void distinctEqualKeysStayApart() {
    IdentityMap<String, Integer> map = new IdentityMap<>();
    String a = new String("x");
    String b = new String("x");
    map.put(a, 1);
    assertNull(map.get(b));
    map.put(b, 2);
    assertEquals(2, map.size());
    assertEquals(1, map.get(a));
  }

  @Test
  void movesToAHashMapPastTheLimitKeepingEveryEntry() {
    IdentityMap<Object, Integer> map = new IdentityMap<>();
    List<Object> keys = keys(IdentityMap.LINEAR_LIMIT + 1);
    for (int i = 0; i < IdentityMap.LINEAR_LIMIT; i++) {
      map.put(keys.get(i), i);
    }
    assertTrue(map.isLinear());
    map.put(keys.get(IdentityMap.LINEAR_LIMIT), -1);
    assertFalse(map.isLinear());
    assertEquals(IdentityMap.LINEAR_LIMIT + 1, map.size());
    for (int i = 0; i < IdentityMap.LINEAR_LIMIT; i++) {
      assertEquals(i, map.get(keys.get(i)));
    }
  }

  @Test
  void iteratorRemovesWhileVisitingEveryEntryOnce() {
    IdentityMap<Object, Integer> map = new IdentityMap<>();
    List<Object> keys = keys(10);
    for (int i = 0; i < 10; i++) {
      map.put(keys.get(i), i);
    }
    Map<Object, Integer> seen = new IdentityHashMap<>();
    for (Iterator<Map.Entry<Object, Integer>> it = map.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Object, Integer> entry = it.next();
      assertNull(seen.put(entry.getKey(), entry.getValue()), "visited twice");
      if (entry.getValue() % 2 == 0) {
        it.remove();
      }
    }
    assertEquals(10, seen.size());
    assertEquals(5, map.size());
    for (int i = 0; i < 10; i++) {
      assertEquals(i % 2 == 1, map.containsKey(keys.get(i)), "key " + i);
    }
    assertSame(null, map.get(keys.get(0)));
  }

  /** The entry view's size is the map's, as AbstractSet's contracts (isEmpty, toArray) read it. */
  @Test
  void theEntryViewHasTheMapsSize() {
    IdentityMap<Object, Integer> map = new IdentityMap<>();
    map.put(new Object(), 1);
    map.put(new Object(), 2);
    map.put(new Object(), 3);
    assertEquals(3, map.entrySet().size());
    assertEquals(3, map.entrySet().toArray().length);
    assertFalse(map.entrySet().isEmpty());
  }

  /**
   * Past the last entry, next() throws as Iterator's contract says, as IdentityHashMap's does,
   * rather than handing out the empty slot after it as an entry of null to null.
   */
  @Test
  void theIteratorEndsAfterTheLastEntry() {
    IdentityMap<Object, Integer> map = new IdentityMap<>();
    map.put(new Object(), 1);
    Iterator<Map.Entry<Object, Integer>> it = map.entrySet().iterator();
    assertEquals(1, it.next().getValue());
    assertFalse(it.hasNext());
    assertThrows(NoSuchElementException.class, it::next);
  }
}
