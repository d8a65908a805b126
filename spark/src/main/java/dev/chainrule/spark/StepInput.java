package dev.chainrule.spark;

import java.io.Serializable;

/**
 * What the driver broadcasts for one synchronous step: the parameters, and the global rows of the
 * step's mini-batch in the order single-machine training visits them.
 */
record StepInput(PackedTensors parameters, int[] batch) implements Serializable {}
