package dev.chainrule.core;

/**
 * The common elementwise functions, independent of the element type. Each has a loop of its own in
 * the kernels ({@code UnaryF64} and its generated float32 twin): one loop shared by all of them
 * through a {@code DoubleUnaryOperator} makes a call the JIT cannot inline for every element, which
 * for the tensors of a small network costs more than the function. Rarer functions go through
 * {@link Tensor#map}.
 */
enum UnaryOp {
  NEG, EXP, EXPM1, LOG, LOG1P, SQRT, ABS, SIGN, SQUARE, RECIPROCAL, TANH, SIGMOID, SOFTPLUS, RELU,
  SIN, COS, ERF, ERFC
}
