package dev.chainrule.optim;

/**
 * How messages and checkpoints name a user's class: its simple name ({@code Adam}), or for an
 * anonymous class, which has none, its full name ({@code com.example.Train$1}), so that a message
 * never reads "the listener  reads gradients" and two anonymous classes stay apart. The rule nn's
 * modules follow; public because the optimizers and the trainer, in two packages, both use it.
 */
public final class TypeNames {
  private TypeNames() {}

  /**
   * The name of {@code type} in messages.
   *
   * @param type the class
   * @return its simple name, or its full name when it has no simple name
   */
  public static String of(Class<?> type) {
    String simple = type.getSimpleName();
    return simple.isEmpty() ? type.getName() : simple;
  }
}
