/**
 * Self-describing models: a {@link dev.chainrule.optim.model.ModelDescription} records what a
 * checkpoint needs besides its weights to rebuild a network and use it on new rows (layers with
 * named activations, task, dtype, input names and standardisation, classes or target statistics),
 * written as versioned JSON and read strictly ({@link
 * dev.chainrule.optim.model.InvalidDescriptionException} names the broken rule).
 */
package dev.chainrule.optim.model;
