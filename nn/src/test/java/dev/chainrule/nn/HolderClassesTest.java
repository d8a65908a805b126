package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Lists;
import dev.chainrule.nn.HolderClasses.Kind;
import dev.chainrule.nn.HolderClasses.Opening;
import dev.chainrule.nn.HolderClasses.Part;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * How {@link HolderClasses} decides to open each class, asked of {@link HolderClasses#classify}
 * directly: the walk caches each class's opening for the life of the JVM, so the tests through
 * {@link Module#checkRegistered()} ({@code HeldCollectionClassesTest}, {@code
 * CapturedVariablesTest}, {@code NestedHoldersTest}) classify each class once, and a change to
 * this decision made after that (mutation testing makes it in one running JVM) went unseen.
 */
class HolderClassesTest {
  /** A user's record: its reference components are read by name, a number is not. */
  record Pair(Object left, int width) {}

  /** A user's subclass of a JDK list, which may iterate as it likes. */
  static final class Layers extends ArrayList<Object> {}

  /** A user's subclass of a JDK map. */
  static final class Table extends HashMap<String, Object> {}

  /** A named class of a user: its fields are its own business, not a holder's. */
  static final class Named {
    final Object held = new Object();
  }

  @Test
  void arraysOfReferencesAreOpenedAndArraysOfNumbersAreNot() {
    assertEquals(Kind.ARRAY, kind(String[].class));
    assertEquals(Kind.ARRAY, kind(Object[][].class));
    assertEquals(Kind.NONE, kind(int[].class));
    assertEquals(Kind.NONE, kind(double[].class));
  }

  @Test
  void anOptionalIsOpened() {
    assertEquals(Kind.OPTIONAL, kind(Optional.class));
  }

  @Test
  void theJdksAndGuavasImmutableMapsAreOpenedAsMaps() {
    assertEquals(Kind.MAP, kind(HashMap.class));
    assertEquals(Kind.MAP, kind(Collections.unmodifiableMap(new HashMap<>()).getClass()));
    assertEquals(Kind.MAP, kind(ImmutableMap.of("a", 1, "b", 2).getClass()));
  }

  @Test
  void theJdksAndGuavasImmutableListsAreListsAndTheirOtherCollectionsCollections() {
    assertEquals(Kind.LIST, kind(ArrayList.class));
    assertEquals(Kind.LIST, kind(LinkedList.class));
    assertEquals(Kind.LIST, kind(List.of(1, 2).getClass()));
    assertEquals(Kind.LIST, kind(ImmutableList.of(1, 2).getClass()));
    assertEquals(Kind.COLLECTION, kind(HashSet.class));
    assertEquals(Kind.COLLECTION, kind(ImmutableSet.of(1, 2).getClass()));
  }

  /**
   * A user's or Guava's lazy collection runs its author's code to iterate (Lists.transform calls
   * its function per element); the walk leaves it closed.
   */
  @Test
  void collectionsAndMapsOfOtherClassesAreNotOpened() {
    assertEquals(Kind.NONE, kind(Layers.class));
    assertEquals(Kind.NONE, kind(Table.class));
    assertEquals(Kind.NONE, kind(Lists.transform(List.of(1), i -> i + 1).getClass()));
  }

  /** A JDK class is no user's holder, even a lambda the JDK spun (Comparator.comparing's). */
  @Test
  void theJdksOwnClassesAreNotOpened() {
    assertEquals(Kind.NONE, kind(String.class));
    assertEquals(Kind.NONE, kind(Comparator.comparing(String::length).getClass()));
    assertEquals(Kind.NONE, kind(Named.class));
  }

  @Test
  void aRecordsReferenceComponentsAreReadByNameAndItsNumbersCountedAsUnread() {
    Opening opening = HolderClasses.classify(Pair.class);
    assertEquals(Kind.FIELDS, opening.kind());
    assertEquals(List.of("left .left "), describe(opening.parts()));
    assertEquals(1, opening.unread(), "the int component");
  }

  @Test
  void aLambdasCapturedReferencesAreReadAsCapturedByALambda() {
    Object held = new Object();
    int width = 3;
    Supplier<Object> lambda = () -> width > 0 ? held : null;
    Opening opening = HolderClasses.classify(lambda.getClass());
    assertEquals(Kind.FIELDS, opening.kind());
    assertEquals(1, opening.parts().size(), opening.parts().toString());
    Part part = opening.parts().get(0);
    assertEquals("", part.place());
    assertEquals("captured by a lambda", part.note());
    assertEquals(1, opening.unread(), "the captured int");
  }

  @Test
  void anAnonymousClassesCapturedVariablesAreReadByTheirNames() {
    Object held = new Object();
    Supplier<Object> anonymous = new Supplier<>() {
      @Override
      public Object get() {
        return held;
      }
    };
    Opening opening = HolderClasses.classify(anonymous.getClass());
    assertEquals(Kind.FIELDS, opening.kind());
    assertEquals(List.of("val$held  captured variable held of <anonymous Supplier in"
        + " HolderClassesTest.anAnonymousClassesCapturedVariablesAreReadByTheirNames>"),
        describe(opening.parts()));
    assertEquals(0, opening.unread());
    // Of a class that implements nothing, named by what it extends.
    Object plain = new Object() {
      @Override
      public String toString() {
        return held.toString();
      }
    };
    assertEquals(List.of("val$held  captured variable held of <anonymous Object in"
        + " HolderClassesTest.anAnonymousClassesCapturedVariablesAreReadByTheirNames>"),
        describe(HolderClasses.classify(plain.getClass()).parts()));
  }

  /** Makes, in its constructor, an anonymous class that captures the constructor's argument. */
  static final class Maker {
    final Supplier<Object> made;

    Maker(Object held) {
      made = new Supplier<>() {
        @Override
        public Object get() {
          return held;
        }
      };
    }
  }

  /** A local class, and an anonymous one made in a constructor, named as the source has them. */
  @Test
  void localAndConstructorsAnonymousClassesAreNamedWhereWritten() {
    Object held = new Object();
    class Holder implements Supplier<Object> {
      @Override
      public Object get() {
        return held;
      }
    }
    assertEquals(List.of("val$held  captured variable held of <local class Holder in"
        + " HolderClassesTest.localAndConstructorsAnonymousClassesAreNamedWhereWritten>"),
        describe(HolderClasses.classify(Holder.class).parts()));
    assertEquals(List.of("val$held  captured variable held of <anonymous Supplier in Maker's"
        + " constructor>"),
        describe(HolderClasses.classify(new Maker(held).made.getClass()).parts()));
  }

  /** A captured number is counted as read, as nothing, towards the walk's bound. */
  @Test
  void aLocalClassCapturingOnlyANumberReadsNothing() {
    int width = 3;
    class Width implements IntSupplier {
      @Override
      public int getAsInt() {
        return width;
      }
    }
    Opening opening = HolderClasses.classify(Width.class);
    assertEquals(Kind.FIELDS, opening.kind());
    assertEquals(List.of(), opening.parts());
    assertEquals(1, opening.unread());
  }

  /** Without a captured variable a local class holds only what a named class would. */
  @Test
  void aLocalClassCapturingNothingIsNotOpened() {
    class Constant implements IntSupplier {
      final Object held = new Object();

      @Override
      public int getAsInt() {
        return held.hashCode();
      }
    }
    assertEquals(Kind.NONE, kind(Constant.class));
  }

  private static Kind kind(Class<?> type) {
    Opening opening = HolderClasses.classify(type);
    assertEquals(List.of(), opening.parts(), type.getName());
    return opening.kind();
  }

  private static List<String> describe(List<Part> parts) {
    return parts.stream()
        .map(p -> p.field().getName() + " " + p.place() + " " + p.note())
        .toList();
  }
}
