/**
 * Self-describing models: a {@link dev.chainrule.optim.model.ModelDescription} records what a
 * checkpoint needs besides its weights to rebuild a network and use it on new rows (layers with
 * named activations, task, dtype, input names and standardisation, classes or target statistics),
 * written as versioned JSON and read strictly ({@link
 * dev.chainrule.optim.model.InvalidDescriptionException} names the broken rule); the problems
 * those models are trained on ({@link dev.chainrule.optim.model.Problem}: split, standardised data
 * with its column names) and the multilayer perceptrons built for them ({@link
 * dev.chainrule.optim.model.Mlp}).
 */
package dev.chainrule.optim.model;
