package dev.chainrule.core;

/**
 * The common elementwise functions, each with a loop of its own: a loop shared by all of them
 * through a {@code DoubleUnaryOperator} makes a call the JIT cannot inline for every element,
 * which for the tensors of a small network costs more than the function. Rarer functions go
 * through {@link Tensor#map}.
 */
enum UnaryMath {
  NEG, EXP, LOG, LOG1P, SQRT, ABS, SIGN, SQUARE, RECIPROCAL, TANH, SIGMOID, SOFTPLUS, RELU;

  /** out[i] = f(in[i]) for every i. */
  void apply(double[] in, double[] out) {
    int n = in.length;
    switch (this) {
      case NEG -> { for (int i = 0; i < n; i++) { out[i] = -in[i]; } }
      case EXP -> { for (int i = 0; i < n; i++) { out[i] = Math.exp(in[i]); } }
      case LOG -> { for (int i = 0; i < n; i++) { out[i] = Math.log(in[i]); } }
      case LOG1P -> { for (int i = 0; i < n; i++) { out[i] = Math.log1p(in[i]); } }
      case SQRT -> { for (int i = 0; i < n; i++) { out[i] = Math.sqrt(in[i]); } }
      case ABS -> { for (int i = 0; i < n; i++) { out[i] = Math.abs(in[i]); } }
      case SIGN -> { for (int i = 0; i < n; i++) { out[i] = Math.signum(in[i]); } }
      case SQUARE -> { for (int i = 0; i < n; i++) { out[i] = in[i] * in[i]; } }
      case RECIPROCAL -> { for (int i = 0; i < n; i++) { out[i] = 1 / in[i]; } }
      case TANH -> { for (int i = 0; i < n; i++) { out[i] = Math.tanh(in[i]); } }
      case SIGMOID -> { for (int i = 0; i < n; i++) { out[i] = Elementwise.sigmoid(in[i]); } }
      case SOFTPLUS -> { for (int i = 0; i < n; i++) { out[i] = Elementwise.softplus(in[i]); } }
      case RELU -> { for (int i = 0; i < n; i++) { out[i] = Elementwise.relu(in[i]); } }
    }
  }
}
