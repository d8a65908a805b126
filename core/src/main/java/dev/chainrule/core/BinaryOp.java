package dev.chainrule.core;

/**
 * The elementwise binary operations, independent of the element type: the kernels of each type
 * ({@code BinaryF64} and its generated float32 twin) give each common one a loop of its own.
 * Comparisons give 1 where they hold and 0 elsewhere (NaN compares false except in ≠).
 */
enum BinaryOp {
  ADD("add"), SUB("sub"), MUL("mul"), DIV("div"), POW("pow"), MAX("maximum"), MIN("minimum"),
  EQ("eq"), NE("ne"), LT("lt"), LE("le"), GT("gt"), GE("ge");

  /** The public method's name, for error messages. */
  final String label;

  BinaryOp(String label) {
    this.label = label;
  }

  /** The operation with its operands exchanged, where there is one: a ∘ b is b ∘' a. */
  BinaryOp mirrored() {
    return switch (this) {
      case ADD, MUL, MAX, MIN, EQ, NE -> this;
      case LT -> GT;
      case LE -> GE;
      case GT -> LT;
      case GE -> LE;
      case SUB, DIV, POW -> throw new IllegalStateException(label + " has no mirror");
    };
  }
}
