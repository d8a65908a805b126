package dev.chainrule.nn;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The modules and variables a field's value holds, for {@link UnregisteredFields}, or the
 * buffers, for {@link HeldBuffers}: the value itself, and what the plain holders of data inside
 * it hold, at any depth. A layer is as lost in a record ({@code new Parts(norm)}), an {@code
 * Optional}, a list of lists or a lambda that captured it ({@code norm::forward}) as in a field
 * of its own, and a buffer {@link Module#to} replaces as stale in a record ({@code new
 * Stats(mean, var)}) as in a field. Opened: an array (each element by its index); a collection
 * or map of the JDK's own classes ({@code ArrayList}, {@code List.of},
 * {@code HashMap}, {@code Collections.unmodifiableList}, {@code Arrays.asList}) or of Guava's
 * immutable ones ({@code ImmutableList}, {@code ImmutableMap}): a {@code List}'s elements by
 * index, a {@code Map}'s values by key, another collection's elements; an {@code Optional}; a
 * record (each component by name); and the captured values of a lambda or method reference (the
 * fields of its hidden class) or of an anonymous or local class (its {@code val$} fields), read
 * by reflection. How a class is opened is decided once per class ({@link HolderClasses}).
 *
 * <p>Not opened: a module (registered, it is checked as a module of the tree; if not, it is a
 * finding as a whole), a variable or a tensor; any other class of the JDK, whose internals are no
 * user's (a {@code HashMap} is read as a map, not field by field), and any other object of a
 * user's class: a plain object may be anything (a data set, a logger), where a record or a lambda
 * only holds what it was given. A collection or map of any other class (a user's, a library's
 * view such as Guava's {@code Lists.transform}, a subclass of {@code ArrayList}) is not iterated,
 * nor is an {@code Iterable} that is not a collection: its iteration is its author's code, which
 * may compute each element (a data loader, a transforming view calls its function per element)
 * or change what it iterates. A JDK view of such a collection ({@code
 * Collections.unmodifiableList(view)}) is the JDK's class and is iterated, and so iterates the
 * view: what it wraps cannot be read to tell. A lambda made in the JDK ({@code
 * Comparator.comparing}) or a record or lambda whose module does not open its package to this
 * library cannot be read, and is passed over. The walk opens each holder once (a cycle ends), at
 * most {@value #MAX_DEPTH} holders deep, and reads at most {@value #MAX_VALUES} values per field:
 * the check runs whenever an optimizer, a trainer or a checkpoint is made, and a field of a
 * million boxed numbers is read no further than that.
 */
final class HeldValues {
  /** How many holders deep a field's value is opened; deeper ones are passed over. */
  static final int MAX_DEPTH = 16;

  /** How many values of one field are read; the rest are passed over. */
  static final int MAX_VALUES = 100_000;

  private HeldValues() {}

  /** Receives each value sought that is found. */
  interface Visitor {
    /**
     * One value sought in a field's value.
     *
     * @param value the module, variable or tensor
     * @param element its place after the field's name, by index, key and component ({@code
     *     "[1][0]"}, {@code ".norm"}), or ""
     * @param notes what held it that has no such place ({@code "in an Optional"}, {@code
     *     "captured by a lambda"}), outermost first, or ""
     */
    void found(Object value, String element, String notes);
  }

  /** Gives {@code visitor} each module and variable {@code value} is or holds. */
  static void walk(Object value, Visitor visitor) {
    walk(value, held -> held instanceof Module || held instanceof Variable, visitor);
  }

  /**
   * Gives {@code visitor} each value that {@code sought} accepts among what {@code value} is or
   * holds. Modules, variables and tensors are never opened, sought or not: a registered module's
   * fields are read as its own, and a variable or a tensor holds no user's values.
   */
  static void walk(Object value, Predicate<Object> sought, Visitor visitor) {
    new Walk(sought, visitor).visit(value, "", "", 0);
  }

  /** One field's walk: the holders opened so far and the values read. */
  private static final class Walk {
    private final Predicate<Object> sought;
    private final Visitor visitor;
    /** The holders opened, made at the first: most fields hold a module or nothing to open. */
    private Set<Object> opened;
    private int values;

    Walk(Predicate<Object> sought, Visitor visitor) {
      this.sought = sought;
      this.visitor = visitor;
    }

    /**
     * Counts an element that does not matter, so that its place is never spelled out: the
     * elements of a list of numbers cost a test each, not a string each.
     */
    private boolean skipped(Object item) {
      if (matters(item)) {
        return false;
      }
      values++;
      return true;
    }

    void visit(Object value, String element, String notes, int depth) {
      if (values++ >= MAX_VALUES || !matters(value)) {
        return;
      }
      if (sought.test(value)) {
        visitor.found(value, element, notes);
        return;
      }
      if (opened == null) {
        opened = Collections.newSetFromMap(new IdentityHashMap<>());
      }
      if (depth >= MAX_DEPTH || !opened.add(value)) {
        return;
      }
      int deeper = depth + 1;
      HolderClasses.Opening opening = HolderClasses.of(value.getClass());
      switch (opening.kind()) {
        // Each element by its place (a list's index, a map's key), so that two findings in one
        // list read as two elements, not as one line said twice; a set's elements have none.
        case ARRAY -> {
          Object[] array = (Object[]) value;
          for (int i = 0; i < array.length && values < MAX_VALUES; i++) {
            if (!skipped(array[i])) {
              visit(array[i], element + "[" + i + "]", notes, deeper);
            }
          }
        }
        case MAP -> {
          for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
            if (values >= MAX_VALUES) {
              break;
            } else if (!skipped(entry.getValue())) {
              visit(entry.getValue(), element + "[" + entry.getKey() + "]", notes, deeper);
            }
          }
        }
        case LIST, COLLECTION -> {
          // By iterator, not get(i): a LinkedList's get walks the list each time.
          boolean indexed = opening.kind() == HolderClasses.Kind.LIST;
          int i = -1;
          for (Object item : (Collection<?>) value) {
            i++;
            if (values >= MAX_VALUES) {
              break;
            } else if (!skipped(item)) {
              visit(item, element + (indexed ? "[" + i + "]" : "[]"), notes, deeper);
            }
          }
        }
        case OPTIONAL ->
            visit(((Optional<?>) value).orElse(null), element, note(notes, "in an Optional"),
                deeper);
        case FIELDS -> {
          values += opening.unread();
          for (HolderClasses.Part part : opening.parts()) {
            Object held = read(value, part.field());
            if (!skipped(held)) {
              visit(held, element + part.place(), note(notes, part.note()), deeper);
            }
          }
        }
        case NONE -> { }
      }
    }

    /** Whether {@code value} is sought, or a holder the walk opens. */
    private boolean matters(Object value) {
      return value != null && (sought.test(value) || !(value instanceof Module
          || value instanceof Variable || value instanceof Tensor)
          && HolderClasses.of(value.getClass()).kind() != HolderClasses.Kind.NONE);
    }
  }

  private static String note(String notes, String note) {
    return note.isEmpty() ? notes : notes.isEmpty() ? note : notes + ", " + note;
  }

  /** A field's value; the field is accessible ({@link HolderClasses} kept only such fields). */
  private static Object read(Object holder, Field field) {
    try {
      return field.get(holder);
    } catch (IllegalAccessException e) {
      return null; // trySetAccessible said yes; nothing to read otherwise
    }
  }
}
