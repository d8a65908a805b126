/**
 * The tensor core: {@link dev.chainrule.core.Tensor}, an immutable n-dimensional float64 array
 * with NumPy broadcasting, reductions, shape and indexing operations and matrix products;
 * {@link dev.chainrule.core.Tensors}, its factories; and the numeric kernels behind them. Only this
 * module touches raw arrays and EJML, so a FLOAT32 path or a faster GEMM changes code here alone.
 */
package dev.chainrule.core;
