package dev.chainrule.nn;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The modules and variables a field's value holds, for {@link UnregisteredFields}: the value
 * itself, and what the plain holders of data inside it hold, at any depth. A layer is as lost in
 * a record ({@code new Parts(norm)}), an {@code Optional}, a list of lists or a lambda that
 * captured it ({@code norm::forward}) as in a field of its own. Opened: a {@code List} or an
 * array (each element by its index), a {@code Map} (each value by its key), another {@code
 * Collection} (its elements), an {@code Optional}, a record (each component by name), and the
 * captured values of a lambda or method reference (the fields of its hidden class) or of an
 * anonymous or local class (its {@code val$} fields), read by reflection.
 *
 * <p>Not opened: a module (registered, it is checked as a module of the tree; if not, it is a
 * finding as a whole), a variable or a tensor; any other class of the JDK, whose internals are no
 * user's (a {@code HashMap} is read as a map, not field by field), and any other object of a
 * user's class: a plain object may be anything (a data set, a logger), where a record or a lambda
 * only holds what it was given. An {@code Iterable} that is not a {@code Collection} is not
 * iterated: it may compute its elements, as a data loader does, and iterating may change it. A
 * lambda made in the JDK ({@code Comparator.comparing}) or a record or lambda whose module does
 * not open its package to this library cannot be read, and is passed over. The walk opens each
 * holder once (a cycle ends), at most {@value #MAX_DEPTH} holders deep, and reads at most
 * {@value #MAX_VALUES} values per field: the check runs whenever an optimizer, a trainer or a
 * checkpoint is made, and a field of a million boxed numbers is read no further than that.
 */
final class HeldValues {
  /** How many holders deep a field's value is opened; deeper ones are passed over. */
  static final int MAX_DEPTH = 16;

  /** How many values of one field are read; the rest are passed over. */
  static final int MAX_VALUES = 100_000;

  /** javac's prefix for the field that keeps a variable an anonymous or local class captures. */
  private static final String CAPTURED = "val$";

  private HeldValues() {}

  /** Receives each module and variable found. */
  interface Visitor {
    /**
     * One module or variable in a field's value.
     *
     * @param value the module or variable
     * @param element its place after the field's name, by index, key and component ({@code
     *     "[1][0]"}, {@code ".norm"}), or ""
     * @param notes what held it that has no such place ({@code "in an Optional"}, {@code
     *     "captured by a lambda"}), outermost first, or ""
     */
    void found(Object value, String element, String notes);
  }

  /** Gives {@code visitor} each module and variable {@code value} is or holds. */
  static void walk(Object value, Visitor visitor) {
    new Walk(visitor).visit(value, "", "", 0);
  }

  /** One field's walk: the holders opened so far and the values read. */
  private static final class Walk {
    private final Visitor visitor;
    /** The holders opened, made at the first: most fields hold a module or nothing to open. */
    private Set<Object> opened;
    private int values;

    Walk(Visitor visitor) {
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
      if (value instanceof Module || value instanceof Variable) {
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
      // Each element by its place (a list's index, a map's key), so that two findings in one
      // list read as two elements, not as one line said twice; a set's elements have none.
      if (value instanceof Object[] array) {
        for (int i = 0; i < array.length && values < MAX_VALUES; i++) {
          if (skipped(array[i])) {
            continue;
          }
          visit(array[i], element + "[" + i + "]", notes, deeper);
        }
      } else if (value instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (values >= MAX_VALUES) {
            break;
          } else if (skipped(entry.getValue())) {
            continue;
          }
          visit(entry.getValue(), element + "[" + entry.getKey() + "]", notes, deeper);
        }
      } else if (value instanceof Collection<?> elements) {
        // By iterator, not get(i): a LinkedList's get walks the list each time.
        int i = -1;
        for (Object item : elements) {
          i++;
          if (values >= MAX_VALUES) {
            break;
          } else if (skipped(item)) {
            continue;
          }
          visit(item, element + (value instanceof List<?> ? "[" + i + "]" : "[]"), notes, deeper);
        }
      } else if (value instanceof Optional<?> optional) {
        visit(optional.orElse(null), element, note(notes, "in an Optional"), deeper);
      } else if (value.getClass().isRecord()) {
        for (RecordComponent component : value.getClass().getRecordComponents()) {
          visit(read(value, component.getName()), element + "." + component.getName(), notes,
              deeper);
        }
      } else if (isLambda(value.getClass())) {
        for (Field field : value.getClass().getDeclaredFields()) {
          visit(read(value, field), element, note(notes, "captured by a lambda"), deeper);
        }
      } else {
        for (Field field : value.getClass().getDeclaredFields()) {
          if (field.isSynthetic() && field.getName().startsWith(CAPTURED)) {
            String variable = field.getName().substring(CAPTURED.length());
            visit(read(value, field), element, note(notes, "captured variable " + variable
                + " of " + UserFields.capturer(value.getClass())), deeper);
          }
        }
      }
    }
  }

  /** Whether {@code value} is a module or variable, or a holder the walk opens. */
  private static boolean matters(Object value) {
    return value instanceof Module || value instanceof Variable
        || value != null && !(value instanceof Tensor) && isHolder(value);
  }

  /**
   * Whether {@code value} is a holder the walk opens: a collection, map, array or {@code
   * Optional} of any kind, or, outside the JDK, a record, a lambda or method reference (a hidden
   * synthetic class), or an anonymous or local class (which keeps what it captured).
   */
  private static boolean isHolder(Object value) {
    if (value instanceof Collection<?> || value instanceof Map<?, ?> || value instanceof Object[]
        || value instanceof Optional<?>) {
      return true;
    }
    Class<?> type = value.getClass();
    if (isJdk(type)) {
      return false;
    }
    return type.isRecord() || isLambda(type) || type.isAnonymousClass() || type.isLocalClass();
  }

  /**
   * Whether {@code type} is a lambda's or method reference's: the JDK spins a hidden synthetic
   * class for each, whose fields keep what it captured (named {@code arg$1}, ..., in no order a
   * user wrote, so a finding says "captured by a lambda" without naming the variable).
   */
  private static boolean isLambda(Class<?> type) {
    return type.isHidden() && type.isSynthetic();
  }

  /** Whether {@code type} is the JDK's, whose internals the walk leaves alone. */
  private static boolean isJdk(Class<?> type) {
    String name = type.getName();
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
        || name.startsWith("sun.") || name.startsWith("com.sun.");
  }

  private static String note(String notes, String note) {
    return notes.isEmpty() ? note : notes + ", " + note;
  }

  /** A record's component, read from its field, not its accessor, which may run anything. */
  private static Object read(Object record, String component) {
    try {
      return read(record, record.getClass().getDeclaredField(component));
    } catch (NoSuchFieldException e) {
      return null; // a record has a field for each component; nothing to read otherwise
    }
  }

  /**
   * A field's value, or null for a static or primitive field, or one the JVM does not open to
   * this library (a class in a named module that does not open its package).
   */
  private static Object read(Object holder, Field field) {
    if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()
        || !field.trySetAccessible()) {
      return null;
    }
    try {
      return field.get(holder);
    } catch (IllegalAccessException e) {
      return null; // trySetAccessible said yes; nothing to read otherwise
    }
  }
}
