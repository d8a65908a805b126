/**
 * What the command lines, the program's ({@code chainrule train} and its siblings) and the Spark
 * launcher's, check alike before any work: the paths their options name. Each check gives one
 * rule and one wording, and says which kind of refusal it is; each launcher throws its own
 * exceptions with the words, so that the same mistake exits with the same code and the same
 * message whichever launcher is run.
 */
package dev.chainrule.optim.cli;
