package dev.chainrule.core;

/**
 * +, −, ×, ÷ with a loop of their own for every layout, so that each loop body is one
 * instruction the JIT can inline and, where all arrays share the loop index, vectorize. A
 * subtraction or division with the scalar or the repeated row on the left has its own loop too
 * (s − x is not x − s).
 */
enum Arithmetic implements BinaryLoops {
  ADD, SUB, MUL, DIV;

  @Override
  public void arrays(double[] x, double[] y, double[] out, int from, int to) {
    switch (this) {
      case ADD -> { for (int i = from; i < to; i++) { out[i] = x[i] + y[i]; } }
      case SUB -> { for (int i = from; i < to; i++) { out[i] = x[i] - y[i]; } }
      case MUL -> { for (int i = from; i < to; i++) { out[i] = x[i] * y[i]; } }
      case DIV -> { for (int i = from; i < to; i++) { out[i] = x[i] / y[i]; } }
    }
  }

  @Override
  public void scalar(double[] x, double s, boolean swapped, double[] out, int from, int to) {
    switch (this) {
      case ADD -> { for (int i = from; i < to; i++) { out[i] = x[i] + s; } }
      case MUL -> { for (int i = from; i < to; i++) { out[i] = x[i] * s; } }
      case SUB -> {
        if (swapped) {
          for (int i = from; i < to; i++) { out[i] = s - x[i]; }
        } else {
          for (int i = from; i < to; i++) { out[i] = x[i] - s; }
        }
      }
      case DIV -> {
        if (swapped) {
          for (int i = from; i < to; i++) { out[i] = s / x[i]; }
        } else {
          for (int i = from; i < to; i++) { out[i] = x[i] / s; }
        }
      }
    }
  }

  @Override
  public void block(double[] x, double[] y, boolean swapped, double[] out, int start,
      int length) {
    int end = start + length;
    switch (this) {
      case ADD -> { for (int i = start; i < end; i++) { out[i] = x[i] + y[i - start]; } }
      case MUL -> { for (int i = start; i < end; i++) { out[i] = x[i] * y[i - start]; } }
      case SUB -> {
        if (swapped) {
          for (int i = start; i < end; i++) { out[i] = y[i - start] - x[i]; }
        } else {
          for (int i = start; i < end; i++) { out[i] = x[i] - y[i - start]; }
        }
      }
      case DIV -> {
        if (swapped) {
          for (int i = start; i < end; i++) { out[i] = y[i - start] / x[i]; }
        } else {
          for (int i = start; i < end; i++) { out[i] = x[i] / y[i - start]; }
        }
      }
    }
  }

  @Override
  public double apply(double a, double b) {
    return switch (this) {
      case ADD -> a + b;
      case SUB -> a - b;
      case MUL -> a * b;
      case DIV -> a / b;
    };
  }
}
