package dev.chainrule.spark;

import java.io.Serializable;

/**
 * What the driver broadcasts for one synchronous step: the parameters, the global rows of the
 * step's mini-batch in the order single-machine training visits them, whether the shards score
 * the loss at chance on them ({@link ChanceParts}: the run's first step), and the step's place
 * (epoch and step from 0, steps in the epoch), which a target the loss refuses is reported with
 * ({@link RefusedTargets}).
 */
record StepInput(PackedTensors parameters, int[] batch, boolean scoreChance, int epoch, int step,
    int steps) implements Serializable {}
