/**
 * The Spark throughput benchmark ({@link dev.chainrule.spark.bench.SparkBench}): samples per
 * second of an MNIST-sized MLP on one machine and in Spark local mode, with the time split between
 * computing, aggregating, broadcasting and applying. Figures are printed, never asserted by tests.
 */
package dev.chainrule.spark.bench;
