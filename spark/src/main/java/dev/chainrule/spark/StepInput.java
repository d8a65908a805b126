package dev.chainrule.spark;

import java.io.Serializable;

/**
 * What the driver broadcasts for one synchronous step: the parameters, the global rows of the
 * step's mini-batch in the order single-machine training visits them, whether the shards score
 * the loss at chance on them ({@link ChanceParts}: the run's first step), and the step's place
 * (epoch and step from 0, steps in the epoch), which a target the loss refuses is reported with
 * ({@link RefusedTargets}).
 *
 * @param parameters the model's parameters for this step, the same on every shard
 * @param batch the mini-batch's global row numbers, in single-machine visiting order; each shard
 *     computes on the ones it holds
 * @param scoreChance whether the shards also sum the loss at chance over their rows
 * @param epoch the epoch from 0, for reports of a refused target
 * @param step the step within the epoch, from 0, for reports of a refused target
 * @param steps the steps in the epoch, for reports of a refused target
 * @param frozen which parameters the driver's model has frozen, in parameter order, or null
 *     when none is ({@link Replica#frozen})
 */
record StepInput(PackedTensors parameters, int[] batch, boolean scoreChance, int epoch, int step,
    int steps, boolean[] frozen) implements Serializable {}
