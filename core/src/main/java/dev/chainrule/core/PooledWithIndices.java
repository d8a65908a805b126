package dev.chainrule.core;

/**
 * The result of a max pooling with its indices, as PyTorch's {@code return_indices=True} gives
 * it: the maxima [N, C, Ho, Wo] and, for each, the flat index (row · width + column) of the input
 * element it came from within its channel's H × W plane, as whole numbers in a float64 tensor.
 *
 * @param values the maxima, in the input's type
 * @param indices where each maximum was, within its plane; float64
 */
public record PooledWithIndices(Tensor values, Tensor indices) {}
