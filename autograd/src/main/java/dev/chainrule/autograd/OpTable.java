package dev.chainrule.autograd;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Every built-in op, each declared once, like PyTorch's {@code derivatives.yaml} or tinygrad's
 * gradient table: its name, formula, catalogue spec and, for a primitive, its forward and backward
 * rule. The rows live in family classes ({@code ArithmeticOps}, {@code ReductionOps}, ...) as
 * constants; this class lists the families and reads their rows, so a row added to a family is in
 * the table with nothing else to register. Tests walk the table: every row's spec is
 * gradient-checked at first and second order and in float32, and every public op method of
 * {@link Variable} must have a row.
 */
public final class OpTable {
  private static final List<Class<?>> FAMILIES = List.of(ArithmeticOps.class, MathOps.class,
      ActivationOps.class, ReductionOps.class, LayoutOps.class, IndexOps.class, LinearOps.class,
      SoftmaxOps.class, ErrorOps.class, ConvolutionOps.class, NormalizationOps.class);

  private static final List<OpEntry> ENTRIES = collect();

  private OpTable() {}

  /**
   * Every row, ordered by name.
   *
   * @return the rows
   */
  public static List<OpEntry> entries() {
    return ENTRIES;
  }

  /**
   * The row of the op with this name.
   *
   * @param name the op's name, as its {@code Variable} method is named
   * @return the row, or empty
   */
  public static Optional<OpEntry> entry(String name) {
    return ENTRIES.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** The classes whose constants are the rows, for the test that no row lives elsewhere. */
  static List<Class<?>> families() {
    return FAMILIES;
  }

  /** The rows declared as constants of a class: primitives and composite entries. */
  static List<OpEntry> rowsOf(Class<?> family) {
    List<OpEntry> rows = new ArrayList<>();
    for (Field field : family.getDeclaredFields()) {
      boolean row = field.getType() == Primitive.class || field.getType() == OpEntry.class;
      if (!row || !Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      Object value;
      try {
        value = field.get(null);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("op table: cannot read " + family.getSimpleName() + "."
            + field.getName(), e);
      }
      if (value instanceof Primitive<?> primitive) {
        rows.add(primitive.entry());
      } else if (value instanceof OpEntry entry) {
        rows.add(entry);
      }
    }
    return rows;
  }

  private static List<OpEntry> collect() {
    List<OpEntry> rows = new ArrayList<>();
    FAMILIES.forEach(family -> rows.addAll(rowsOf(family)));
    rows.sort(Comparator.comparing(OpEntry::name));
    for (int i = 1; i < rows.size(); i++) {
      if (rows.get(i).name().equals(rows.get(i - 1).name())) {
        throw new IllegalStateException("op table: two rows named " + rows.get(i).name());
      }
    }
    return List.copyOf(rows);
  }
}
