package dev.chainrule.usage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Lists;
import dev.chainrule.autograd.Variable;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Module;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link Module#checkRegistered()} iterates only the JDK's own collections and maps (and Guava's
 * immutable ones): a lazy view's iteration is its author's code, which the check ran for every
 * element whenever an optimizer, a trainer or a checkpoint was made (Guava's {@code
 * Lists.transform} called its function on each, making a layer each time).
 */
class HeldCollectionClassesTest {
  /** A layer grouped with a number, as a model may keep its parts. */
  record Part(BatchNorm1d norm, int width) {}

  /** A list that computes its elements, counting the calls. */
  static final class Computed extends AbstractList<Dropout> {
    final AtomicInteger gets = new AtomicInteger();

    @Override
    public Dropout get(int index) {
      gets.incrementAndGet();
      return Dropout.of(0.5, index);
    }

    @Override
    public int size() {
      return 3;
    }
  }

  @Test
  void aTransformingViewIsNotIterated() {
    AtomicInteger calls = new AtomicInteger();
    List<Dense> view = Lists.transform(List.of(1L, 2L, 3L), seed -> {
      calls.incrementAndGet();
      return Dense.of(2, 2, seed);
    });
    assertDoesNotThrow(() -> holding(view).checkRegistered());
    assertEquals(0, calls.get(), "Lists.transform's function ran");
  }

  @Test
  void aUsersListIsNotIteratedNorReadThroughAJdkClassThatIsNotAView() {
    Computed computed = new Computed();
    assertDoesNotThrow(() -> holding(computed).checkRegistered());
    assertDoesNotThrow(() -> holding(List.of(List.of(computed))).checkRegistered());
    assertEquals(0, computed.gets.get(), "the user's get ran");
  }

  /** A subclass of a JDK list is a user's class: it may override how it iterates. */
  static final class Layers extends ArrayList<Dropout> {}

  @Test
  void aSubclassOfAJdkListIsAUsersClassAndNotOpened() {
    Layers layers = new Layers();
    layers.add(Dropout.of(0.5, 1L));
    assertDoesNotThrow(() -> holding(layers).checkRegistered());
  }

  @Test
  void jdkListsOfRecordsAndViewsOfThemAreStillOpened() {
    List<Part> parts = new ArrayList<>();
    parts.add(new Part(null, 1));
    parts.add(new Part(BatchNorm1d.of(4), 4));
    for (List<Part> list : List.of(parts, List.copyOf(parts), Collections.unmodifiableList(parts),
        Collections.synchronizedList(parts), java.util.Arrays.asList(parts.toArray(Part[]::new)))) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> holding(list).checkRegistered(), list.getClass().getName());
      assertEquals("checkRegistered: Holding.held[1].norm"
          + " holds a BatchNorm1d that the model does not register",
          e.getMessage().substring(0, e.getMessage().indexOf(';')), list.getClass().getName());
    }
  }

  /** Guava's immutable collections store their elements and only Guava can subclass them. */
  @Test
  void guavasImmutableListsAreOpened() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> holding(ImmutableList.of(Dense.of(2, 2, 1L))).checkRegistered());
    assertEquals("checkRegistered: Holding.held[0] holds"
        + " a Dense that the model does not register",
        e.getMessage().substring(0, e.getMessage().indexOf(';')));
  }

  /** A module that holds a value in a field. */
  static final class Holding extends Module {
    final Object held;

    Holding(Object held) {
      this.held = held;
    }

    @Override
    public Variable forward(Variable x) {
      return x;
    }
  }

  private static Module holding(Object value) {
    return new Holding(value);
  }
}
