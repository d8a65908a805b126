/**
 * What a training run reports: test scores of a regression in the target's own units, the fields
 * of a run's report in their documented order, and the one line of JSON that carries them.
 */
package dev.chainrule.optim.report;
