package dev.chainrule.core;

/**
 * The combining step of a reduction, independent of the element type. Max and min let a NaN win,
 * as {@link Math#max} does, so a NaN in the data is never hidden by a reduction.
 */
enum Fold {
  SUM(0.0), MAX(Double.NEGATIVE_INFINITY), MIN(Double.POSITIVE_INFINITY);

  /** The value of the reduction over nothing. */
  final double identity;

  Fold(double identity) {
    this.identity = identity;
  }
}
