/**
 * The training loop: {@link dev.chainrule.optim.train.Trainer} runs epochs of shuffled
 * mini-batches (forward, loss, backward, clipping, the optimizer's step), scores validation data
 * with {@link dev.chainrule.optim.train.Evaluation}, and tells {@link
 * dev.chainrule.optim.train.TrainingListener}s about every batch and epoch; a run that diverges
 * stops with a {@link dev.chainrule.optim.train.DivergenceException}, and one whose thread is
 * interrupted with a {@link dev.chainrule.optim.train.TrainingInterruptedException}.
 */
package dev.chainrule.optim.train;
