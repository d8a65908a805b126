/**
 * Data-parallel training of chainrule models on Apache Spark: {@link
 * dev.chainrule.spark.SparkTrainer} in synchronous mode (gradients of each mini-batch's parts
 * summed in a fixed order, the driver's optimizer applying them, the same computation as
 * one machine) or by parameter averaging (local SGD); training rows as {@link
 * dev.chainrule.spark.Shard}s; parameters, gradients and optimizer state crossing Spark as packed
 * primitive arrays; models rebuilt on executors from their serializable description; atomic
 * checkpoints of the driver and resuming from them; and {@link dev.chainrule.spark.Main}, the
 * launcher for {@code spark-submit} and local mode.
 */
package dev.chainrule.spark;
