package dev.chainrule.core;

/**
 * exp, sigmoid, tanh and log over ranges of float64 arrays, and the template of their float32 twin
 * ({@code TranscendentalF32}, generated at build time). Each function runs {@link FastMath}'s
 * steps as separate loops: the polynomial's loop is pure arithmetic, which the JIT vectorizes, and
 * the scaling step (in float64 the exponent bits and the range checks, one element at a time; in
 * float32 arithmetic that vectorizes too) follows. Only in float32 do exp and sigmoid run e^x's
 * two steps together, in one loop the JIT still vectorizes; sigmoid's division takes a loop of
 * its own (in the same loop it took 14 ns per element against 1.3 in two). The results are bit
 * for bit those of FastMath's (and FastLog's) scalar functions. {@code out} must not be
 * {@code in}: the later loops read the input again.
 *
 * <p>Each function walks its range in blocks ({@link #BLOCK}, {@link #EXP_BLOCK},
 * {@link #LOG_BLOCK}), each block one call of a method of its own holding the loops, rather than
 * looping over the whole range in one call. A method's profile counts its calls only in frames
 * entered after the profile exists, while its loop counter is shared: when the first call ran a
 * long loop in the interpreter and the profile was made during it (C1, compiling a caller, makes
 * its callees' profiles), C2 later read hundreds of thousands of loop trips and none of
 * FastMath.exp's calls, refused to inline that "call site not reached", and called it once per
 * element for the life of the process: the forward of a 512×512 float32 softmax cross-entropy
 * took 3,000–3,600 µs instead of 450 in about one process of four. A block's loops are short,
 * so at most one call's trips go uncounted, far too few for the profile to read as mature.
 */
final class TranscendentalF64 {
  private TranscendentalF64() {}

  /**
   * Ranges shorter than this take FastMath's scalar functions (the same bits), so that the loops
   * are compiled only from the lengths they are written for: C2 unrolls a loop, and so vectorizes
   * it, by the trip counts it has profiled, and after the XOR network's sigmoid on four elements a
   * 128×512 sigmoid ran at 8–11 ns per element instead of 5 in one process of three.
   */
  static final int SHORT = 32;

  /**
   * Elements per call of exp's, sigmoid's and tanh's block (the class comment says why blocks).
   * The interpreter counts a method's loop trips together, whichever loop: two loops of 2,048
   * are 4,096 trips, half the 8,000 that make a profile mature for C2 (a fifth of
   * Tier4BackEdgeThreshold). Not fewer: each block ends in a scalar loop over what its unrolled
   * vector loop leaves, and blocks of 1,024 made the float32 functions 1.2 times as slow.
   */
  static final int BLOCK = 2048;
  /**
   * exp's block: in float32 one loop (see {@link #exp}), so twice as long for the same 4,096
   * trips, which halves what its blocks' scalar ends cost.
   */
  static final int EXP_BLOCK = Double.SIZE == 32 ? 2 * BLOCK : BLOCK;
  /** log's block, whose four loops (the patch pass the fourth) make 4,096 trips too. */
  static final int LOG_BLOCK = 1024;

  /** e^x for elements {@code from} to {@code to}. */
  static void exp(double[] in, double[] out, int from, int to) {
    for (int start = from, end; start < to; start = end) {
      end = blockEnd(start, to, EXP_BLOCK);
      expBlock(in, out, start, end);
    }
  }

  private static void expBlock(double[] in, double[] out, int from, int to) {
    if (isScalarRange(from, to) || Double.SIZE == 32) {
      // In the float32 twin (where Double reads Float) both steps are arithmetic, and one loop of
      // them vectorizes: 0.71 of the two loops' time, one pass over out instead of two.
      for (int i = from; i < to; i++) {
        out[i] = FastMath.exp(in[i]);
      }
      return;
    }
    for (int i = from; i < to; i++) {
      out[i] = FastMath.expPolynomial(in[i]);
    }
    for (int i = from; i < to; i++) {
      out[i] = FastMath.expFinish(in[i], out[i]);
    }
  }

  /** 1/(1 + e^−x) for elements {@code from} to {@code to}. */
  static void sigmoid(double[] in, double[] out, int from, int to) {
    for (int start = from, end; start < to; start = end) {
      end = blockEnd(start, to, BLOCK);
      sigmoidBlock(in, out, start, end);
    }
  }

  private static void sigmoidBlock(double[] in, double[] out, int from, int to) {
    if (isScalarRange(from, to)) {
      for (int i = from; i < to; i++) {
        out[i] = FastMath.sigmoid(in[i]);
      }
      return;
    }
    if (Double.SIZE == 32) {
      // The float32 twin: e^−x whole in one loop, as its exp's, then the division in a loop
      // that reads out alone (the same operations, so the same bits). The loops below, which
      // read the input twice and work out its exponent twice, took 1/0.86 as long (128 × 512,
      // recycled results; fresh ones 1/0.885: two builds alternating in one process, session
      // 69). All three steps in one loop do not vectorize: 10 times as slow.
      for (int i = from; i < to; i++) {
        out[i] = FastMath.exp(-in[i]);
      }
      for (int i = from; i < to; i++) {
        out[i] = 1 / (1 + out[i]);
      }
      return;
    }
    for (int i = from; i < to; i++) {
      out[i] = FastMath.expPolynomial(-in[i]);
    }
    // expFinish's rare path (|x| ≥ 708, NaN) is not in this loop but in a pass after it, taken
    // only where an element needs it. Inlined here, beyondLimit was compiled from whatever its
    // profile held: where earlier data had taken only its scaled branch (its 0 and ∞/NaN
    // returns never: two unstable_if traps in the loop) the method was larger (5,112-5,160
    // bytes against 4,376-4,424 with no profile) and a 128×512 sigmoid took 3.34-3.36 ns an
    // element against 1.79-1.84 (thread CPU time after bench's phases: 3 of 10 processes, all
    // three with that profile, none of the other seven; session 68). beyondMark has no branch.
    long beyond = 0;
    for (int i = from; i < to; i++) {
      out[i] = 1 / (1 + FastMath.expScale(-in[i], out[i]));
      beyond |= FastMath.beyondMark(-in[i]);
    }
    if (beyond < 0) {
      for (int i = from; i < to; i++) {
        if (FastMath.beyondMark(-in[i]) < 0) {
          out[i] = FastMath.sigmoid(in[i]);
        }
      }
    }
  }

  /** tanh x for elements {@code from} to {@code to}. */
  static void tanh(double[] in, double[] out, int from, int to) {
    for (int start = from, end; start < to; start = end) {
      end = blockEnd(start, to, BLOCK);
      tanhBlock(in, out, start, end);
    }
  }

  private static void tanhBlock(double[] in, double[] out, int from, int to) {
    if (isScalarRange(from, to)) {
      for (int i = from; i < to; i++) {
        out[i] = FastMath.tanh(in[i]);
      }
      return;
    }
    for (int i = from; i < to; i++) {
      out[i] = FastMath.tanhPolynomial(in[i]);
    }
    for (int i = from; i < to; i++) {
      out[i] = FastMath.tanhFinish(in[i], out[i]);
    }
  }

  /**
   * log x for elements {@code from} to {@code to}, in {@link FastLog}'s three steps: the bits, the
   * polynomial (which vectorizes) and the scaling; then, only where the range holds an x with no
   * logarithm among the numbers (a zero, a negative, +∞, NaN: the first loop ORs their marks), a
   * pass that puts log's values there, with no branch per element: data with random zeros or
   * signs cost about 1.6 times positive data (float32 3.3 ns an element against 2.1 at 512 × 512,
   * float64 4.7 against 3.0), no longer 4–5 times.
   */
  static void log(double[] in, double[] out, int from, int to) {
    for (int start = from, end; start < to; start = end) {
      end = blockEnd(start, to, LOG_BLOCK);
      logBlock(in, out, start, end);
    }
  }

  private static void logBlock(double[] in, double[] out, int from, int to) {
    if (isScalarRange(from, to)) {
      for (int i = from; i < to; i++) {
        out[i] = FastLog.log(in[i]);
      }
      return;
    }
    long special = 0;
    for (int i = from; i < to; i++) {
      out[i] = FastLog.reduced(in[i]);
      special |= FastLog.special(in[i]);
    }
    for (int i = from; i < to; i++) {
      out[i] = FastLog.polynomial(out[i]);
    }
    for (int i = from; i < to; i++) {
      out[i] = FastLog.finish(in[i], out[i]);
    }
    if (special < 0) {
      for (int i = from; i < to; i++) {
        out[i] = FastLog.patched(in[i], out[i]);
      }
    }
  }

  /**
   * Whether a range takes the scalar functions ({@link #SHORT}). Either way gives the same bits,
   * so no test can tell the two apart: the mutation profile skips this method by name.
   */
  private static boolean isScalarRange(int from, int to) {
    return to - from < SHORT;
  }

  /** The end of the block from {@code start}: {@code to} or {@code size} further, no overflow. */
  private static int blockEnd(int start, int to, int size) {
    return to - start > size ? start + size : to;
  }
}
