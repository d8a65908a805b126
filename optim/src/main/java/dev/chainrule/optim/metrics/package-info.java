/**
 * Evaluation: accuracy (the classification rate), the confusion matrix with per-class precision,
 * recall and F1, and for regression MSE, RMSE, MAE and R².
 */
package dev.chainrule.optim.metrics;
