/**
 * The tensor core: {@link dev.chainrule.core.Tensor}, an n-dimensional array of float64 or float32
 * numbers ({@link dev.chainrule.core.DType}) with NumPy broadcasting and promotion, elementwise
 * functions, reductions, shape and indexing operations and matrix products;
 * {@link dev.chainrule.core.Tensors}, its factories (constants, ranges, one-hot rows, seeded
 * random tensors); {@link dev.chainrule.core.Shape}; {@link dev.chainrule.core.FusedUpdates}, the
 * one-pass optimizer updates; and the numeric kernels behind them, written once for float64 (the
 * package-private {@code ...F64} classes) and generated for float32. Tensors are values: every
 * operation returns a new tensor, except the {@code ...InPlace} methods that optimizers and
 * gradient buffers use on tensors they own, and {@code x.to(x.dtype())}, which returns {@code x}
 * itself, as PyTorch's {@code to} does ({@code copy()} it before updating it in place). Only this
 * module touches raw arrays, EJML and BLAS; every matrix product goes through the GEMM seam of
 * {@link dev.chainrule.core.gemm}.
 */
package dev.chainrule.core;
