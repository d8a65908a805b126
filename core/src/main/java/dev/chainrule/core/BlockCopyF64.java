package dev.chainrule.core;

/**
 * Copies of equal blocks between strided positions, for concat, stack and slice (and the template
 * of the float32 twin, {@code BlockCopyF32}, generated at build time). A {@link System#arraycopy}
 * call costs a few nanoseconds, so blocks of one element (a stack along the last axis) took 4–7
 * ns an element where PyTorch's stack took 1; blocks of one and two elements are copied by a loop
 * over the blocks instead (0.6 and 0.5–1.2 ns an element against 3–7 and 1.3–2.4, float64 on
 * 2^18 elements). A loop over each block's elements inside the loop over blocks was slower than
 * arraycopy from two elements up (2.5–3.5 ns an element at any block size): HotSpot does not
 * vectorize or unroll an inner loop of unknown short length well.
 */
final class BlockCopyF64 {
  private BlockCopyF64() {}

  /**
   * For each of {@code count} blocks o, the {@code block} elements from {@code in[inStart +
   * o·inPitch]} to {@code out[outStart + o·outPitch]}.
   */
  static void copy(double[] in, int inStart, int inPitch, double[] out, int outStart,
      int outPitch, int block, int count) {
    if (block == 1) {
      for (int o = 0; o < count; o++) {
        out[outStart + o * outPitch] = in[inStart + o * inPitch];
      }
    } else if (block == 2) {
      for (int o = 0; o < count; o++) {
        int from = inStart + o * inPitch;
        int to = outStart + o * outPitch;
        out[to] = in[from];
        out[to + 1] = in[from + 1];
      }
    } else {
      for (int o = 0; o < count; o++) {
        System.arraycopy(in, inStart + o * inPitch, out, outStart + o * outPitch, block);
      }
    }
  }
}
