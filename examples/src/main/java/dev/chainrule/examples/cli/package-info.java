/**
 * Command-line plumbing shared by the commands: the common training options and their defaults,
 * the optimizer names, and the console a command writes to.
 */
package dev.chainrule.examples.cli;
