package dev.chainrule.spark;

import java.io.Serializable;

/**
 * What the driver broadcasts for one synchronous step: the parameters, the global rows of the
 * step's mini-batch in the order single-machine training visits them, and whether the shards
 * score the loss at chance on them ({@link ChanceParts}: the run's first step).
 */
record StepInput(PackedTensors parameters, int[] batch, boolean scoreChance)
    implements Serializable {}
