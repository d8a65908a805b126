package dev.chainrule.autograd.check;

import dev.chainrule.core.Tensor;

/**
 * The outputs with a kink near the point along a check's direction, within its step but not
 * necessarily at the point: a ReLU layer's weight moves every pre-activation of the layer, and
 * after training dozens lie within the step of their kink. Each such output's one-sided slopes at
 * step h differ (beyond a quarter of rtol of them), and the jump behaves as only a kink's does as
 * the step shrinks to h/10 and h/100:
 *
 * <ul>
 *   <li>it is gone at a smaller step, which the kink lies beyond: below a third of what curvature
 *       would leave there (a tenth of the jump per tenfold smaller step, step·f″), where rounding
 *       is too small to hide that tenth;
 *   <li>or it holds within a quarter from h to h/10, as a kink well within both steps keeps it,
 *       where curvature's would have fallen tenfold.
 * </ul>
 *
 * <p>Where rounding at the smaller step could hide curvature's tenth (an output of cosh(x) + 30
 * near x = 0: its jump at h/100 is mostly rounding), the output is not marked: a rule wrong on a
 * smooth output must not be excused.
 *
 * @param mask 1 for each output with a kink near the point, 0 for the others
 * @param coarse the outputs' one-sided slopes at step h
 */
record NearKinks(Tensor mask, KinkBounds.Bounds coarse) {
  /** Roundings of the four values in a slope's jump, twice over, as Rounding allows a margin. */
  static final double ROUNDINGS = 8;

  /** The outputs with a kink near the point along {@code direction} of input {@code i}. */
  static NearKinks of(Probe probe, int i, Tensor direction, Tensor weights, double h,
      double rtol) {
    Tensor at = probe.outputAt(i, direction, 0);
    KinkBounds.Bounds coarse = KinkBounds.of(probe, i, direction, weights, h, at);
    KinkBounds.Bounds middle = KinkBounds.of(probe, i, direction, weights, h / 10, at);
    KinkBounds.Bounds fine = KinkBounds.of(probe, i, direction, weights, h / 100, at);
    double unit = Rounding.unit(at.dtype());
    double[] values = at.toArray();
    double[] cl = coarse.left().toArray();
    double[] cr = coarse.right().toArray();
    double[] ml = middle.left().toArray();
    double[] mr = middle.right().toArray();
    double[] fl = fine.left().toArray();
    double[] fr = fine.right().toArray();
    double[] mask = new double[values.length];
    for (int k = 0; k < values.length; k++) {
      double jump = cr[k] - cl[k];
      double size = Math.abs(jump);
      if (!(size > rtol / 4 * Math.max(Math.abs(cl[k]), Math.abs(cr[k])))) {
        continue;
      }
      // Rounding's share of a jump at step s is about noise / s.
      double noise = ROUNDINGS * unit * Math.abs(values[k]);
      double middleJump = mr[k] - ml[k];
      boolean goneAtMiddle = Math.abs(middleJump) < size / 30 && noise / (h / 10) < size / 30;
      boolean goneAtFine = Math.abs(fr[k] - fl[k]) < size / 300 && noise / (h / 100) < size / 300;
      boolean holds = Math.abs(middleJump - jump) <= size / 4 && noise / (h / 10) < size / 4;
      // A kink at the point whose jump holds from h/10 to h/100, though a near kink in the same
      // output (a max pool's window with a tie and a near one) changed it at h.
      double middleSize = Math.abs(middleJump);
      boolean atThePoint = middleSize > rtol / 4 * Math.max(Math.abs(ml[k]), Math.abs(mr[k]))
          && Math.abs(fr[k] - fl[k] - middleJump) <= middleSize / 4
          && noise / (h / 100) < middleSize / 4;
      mask[k] = goneAtMiddle || goneAtFine || holds || atThePoint ? 1 : 0;
    }
    return new NearKinks(Tensor.of(mask, at.shape().dims()), coarse);
  }

  /**
   * Whether {@code engine}, the engine's value over the marked outputs weighted by {@code
   * weights}, lies between the sums of their weighted one-sided slopes at step h, give or take
   * {@code tolerance}: one side of a kink within the step is free of it, and its slope is the
   * derivative (exactly, for a piecewise linear output), so a right rule's value lies there. A
   * rule wrong at those outputs is caught when it lies beyond.
   */
  boolean explains(double engine, Tensor weights, double tolerance) {
    KinkBounds.Bounds kinked = KinkBounds.Bounds.weighted(coarse.left(), coarse.right(),
        weights.mul(mask));
    return engine >= kinked.low() - tolerance && engine <= kinked.high() + tolerance;
  }
}
