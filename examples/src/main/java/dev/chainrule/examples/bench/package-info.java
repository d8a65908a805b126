/**
 * Benchmarks that measure training speed and print figures: a training step of the XOR and Iris
 * networks (and Iris's with anomaly detection on) and of a network whose loss holds its own second
 * derivative (the README's u″ = −u), an epoch of an MNIST-sized MLP next to the
 * matrix products it performs, the GEMM backend's throughput, the elementwise kernels per element,
 * one {@code GradCheck.localize} against a training step, and an estimated epoch of the CNN.
 * They are library code, run by the command line and by a quick test that checks only that
 * every figure is a positive number; timing thresholds never go into tests.
 */
package dev.chainrule.examples.bench;
