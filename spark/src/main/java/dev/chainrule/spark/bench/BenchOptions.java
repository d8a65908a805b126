package dev.chainrule.spark.bench;

import dev.chainrule.core.DType;

/**
 * The benchmark's settings.
 *
 * @param rows training rows
 * @param batchSize rows per synchronous step (and per local step when averaging)
 * @param epochs timed epochs per configuration
 * @param localSteps K of the averaging runs
 */
record BenchOptions(int rows, int batchSize, int epochs, int localSteps, DType dtype) {}
