package dev.chainrule.nn;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableMap;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How {@link HeldValues} opens the instances of a class, decided once per class: reflection
 * ({@code getRecordComponents}, {@code getDeclaredField}, {@code trySetAccessible}) costs
 * microseconds a call, and a field may hold a hundred thousand records of one class, walked
 * whenever an optimizer, a trainer or a checkpoint is made.
 *
 * <p>A collection or map is opened only when its class is the JDK's own ({@code ArrayList},
 * {@code List.of}, {@code HashMap}, {@code Collections.unmodifiableList}, {@code Arrays.asList})
 * or one of Guava's immutable collections and maps, which only Guava can subclass and which
 * iterate what they store. Any other class's iteration is its author's code, and may compute
 * each element (Guava's {@code Lists.transform} calls its function per element, a user's {@code
 * AbstractList} its {@code get}), as an {@code Iterable} that is not a collection may; a
 * collection of a user's class (a subclass of {@code ArrayList} included) is read only as a
 * record, lambda or anonymous or local class of that user, if it is one.
 */
final class HolderClasses {
  /** What kind of holder a class's instances are. */
  enum Kind {
    /** Not opened. */
    NONE,
    /** An array of references: each element by its index. */
    ARRAY,
    /** A map the walk may iterate: each value by its key. */
    MAP,
    /** A list the walk may iterate: each element by its index. */
    LIST,
    /** Another collection the walk may iterate: each element, without a place. */
    COLLECTION,
    /** An {@code Optional}: what it holds, noted. */
    OPTIONAL,
    /** A record, a lambda or an anonymous or local class: the fields of {@link Opening#parts}. */
    FIELDS
  }

  /**
   * A field the walk reads, open to this library, with what the walk says of it.
   *
   * @param field the field, made accessible
   * @param place appended to the holder's place ({@code ".norm"} for a record's component), or ""
   * @param note noted of what it holds ({@code "captured by a lambda"}), or "" for none
   */
  record Part(Field field, String place, String note) {}

  /**
   * How a class's instances are opened.
   *
   * @param kind the kind of holder
   * @param parts for {@link Kind#FIELDS}, the fields read, in declaration order
   * @param unread for {@link Kind#FIELDS}, the fields not read (primitive, or not open to this
   *     library), which count as values read towards {@link HeldValues#MAX_VALUES} as if read
   *     as nothing, so that the bound means the same for a record of numbers as before
   */
  record Opening(Kind kind, List<Part> parts, int unread) {
    static final Opening NOT_OPENED = new Opening(Kind.NONE, List.of(), 0);

    static Opening of(Kind kind) {
      return new Opening(kind, List.of(), 0);
    }
  }

  /** javac's prefix for the field that keeps a variable an anonymous or local class captures. */
  private static final String CAPTURED = "val$";

  private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

  /**
   * Each class's opening, kept with the class (a {@code ClassValue} lets an unloaded class, a
   * lambda's hidden one included, take its entry with it).
   */
  private static final ClassValue<Opening> OPENINGS = new ClassValue<>() {
    @Override
    protected Opening computeValue(Class<?> type) {
      return classify(type);
    }
  };

  private HolderClasses() {}

  /** How the instances of {@code type} are opened. */
  static Opening of(Class<?> type) {
    return OPENINGS.get(type);
  }

  /**
   * Classifies {@code type} afresh, without the cache; {@link #of} is what the walk calls (tests
   * call this, since a class classified once is never classified again in that JVM).
   */
  static Opening classify(Class<?> type) {
    if (type.isArray()) {
      return Opening.of(type.getComponentType().isPrimitive() ? Kind.NONE : Kind.ARRAY);
    } else if (type == Optional.class) {
      return Opening.of(Kind.OPTIONAL);
    } else if (iterable(type) && Map.class.isAssignableFrom(type)) {
      return Opening.of(Kind.MAP);
    } else if (iterable(type) && Collection.class.isAssignableFrom(type)) {
      return Opening.of(List.class.isAssignableFrom(type) ? Kind.LIST : Kind.COLLECTION);
    } else if (isJdk(type)) {
      return Opening.NOT_OPENED; // the JDK's internals are no user's
    } else if (type.isRecord()) {
      return fields(type, recordFields(type), true, "");
    } else if (isLambda(type)) {
      return fields(type, List.of(type.getDeclaredFields()), false, "captured by a lambda");
    } else if (type.isAnonymousClass() || type.isLocalClass()) {
      List<Field> captured = new ArrayList<>();
      for (Field field : type.getDeclaredFields()) {
        if (field.isSynthetic() && field.getName().startsWith(CAPTURED)) {
          captured.add(field);
        }
      }
      return captured.isEmpty() ? Opening.NOT_OPENED : fields(type, captured, false, null);
    }
    return Opening.NOT_OPENED;
  }

  /**
   * Whether the walk may iterate a collection or map of {@code type}: the JDK's own classes and
   * Guava's immutable ones (whose constructors only Guava can call) run no user's code to
   * iterate. A JDK view of a user's collection ({@code Collections.unmodifiableList(view)})
   * still iterates that collection: its class is the JDK's, and what it wraps cannot be read.
   */
  private static boolean iterable(Class<?> type) {
    return isJdk(type) || ImmutableCollection.class.isAssignableFrom(type)
        || ImmutableMap.class.isAssignableFrom(type);
  }

  /** Whether the JDK defined {@code type}: the bootstrap or the platform class loader did. */
  private static boolean isJdk(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    return loader == null || loader == PLATFORM;
  }

  /**
   * Whether {@code type} is a lambda's or method reference's: the JDK spins a hidden synthetic
   * class for each, whose fields keep what it captured (named {@code arg$1}, ..., in no order a
   * user wrote, so a finding says "captured by a lambda" without naming the variable).
   */
  private static boolean isLambda(Class<?> type) {
    return type.isHidden() && type.isSynthetic();
  }

  /**
   * A record's components' fields, read from the field, not the accessor, which may run anything.
   */
  private static List<Field> recordFields(Class<?> type) {
    List<Field> fields = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      try {
        fields.add(type.getDeclaredField(component.getName()));
      } catch (NoSuchFieldException e) {
        // a record has a field for each component; nothing to read otherwise
      }
    }
    return fields;
  }

  /**
   * The opening that reads {@code fields}: by name when {@code named} (a record's components),
   * else with {@code note}, or, when that is null, as the captured variable of an anonymous or
   * local class the field keeps.
   */
  private static Opening fields(Class<?> type, List<Field> fields, boolean named, String note) {
    List<Part> parts = new ArrayList<>();
    int unread = 0;
    for (Field field : fields) {
      // Accessibility is asked once: a module's opens do not change as a program runs, short of
      // Module.addOpens, after which a class already walked stays unread.
      if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()
          || !field.trySetAccessible()) {
        unread++;
      } else if (named) {
        parts.add(new Part(field, "." + field.getName(), ""));
      } else {
        parts.add(new Part(field, "", note != null ? note
            : "captured variable " + field.getName().substring(CAPTURED.length()) + " of "
                + UserFields.capturer(type)));
      }
    }
    return new Opening(Kind.FIELDS, List.copyOf(parts), unread);
  }
}
