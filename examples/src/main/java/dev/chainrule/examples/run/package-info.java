/**
 * The shared training run of the example commands: the MLP they build, progress output, the
 * final report (with its JSON line) and the pictures.
 */
package dev.chainrule.examples.run;
