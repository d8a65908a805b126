/**
 * Training parameters: the {@link dev.chainrule.optim.Optimizer} family ({@link
 * dev.chainrule.optim.Sgd} with momentum, Nesterov momentum and weight decay, {@link
 * dev.chainrule.optim.Adam}, {@link dev.chainrule.optim.AdamW}, {@link
 * dev.chainrule.optim.RmsProp}, {@link dev.chainrule.optim.Adagrad}), each updating parameter
 * values in place with core's in-place kernels and keeping per-parameter state it saves and
 * restores as named tensors for a checkpoint, and taking parameter groups
 * ({@link dev.chainrule.optim.ParameterGroup}: a learning-rate scale and a weight decay for some of
 * the parameters, PyTorch's param_groups); learning-rate schedules
 * ({@link dev.chainrule.optim.LearningRateSchedule}, applied each epoch by a
 * {@link dev.chainrule.optim.LearningRateScheduler} or before each optimizer step by a
 * {@link dev.chainrule.optim.PerStepScheduler}); and gradient clipping by global norm or by value
 * ({@link dev.chainrule.optim.GradientClipping}); {@link dev.chainrule.optim.OptimizerChoice} names
 * the optimizers a command line can choose. Every update rule's Javadoc gives its equations and the
 * paper or PyTorch class it follows.
 */
package dev.chainrule.optim;
