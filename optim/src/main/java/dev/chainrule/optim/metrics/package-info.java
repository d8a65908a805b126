/**
 * Evaluation: accuracy (the classification rate), the confusion matrix with per-class precision,
 * recall and F1, and MSE and MAE for regression.
 */
package dev.chainrule.optim.metrics;
