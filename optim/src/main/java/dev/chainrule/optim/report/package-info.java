/**
 * What a training run reports: test scores of a regression in the target's own units, the fields
 * of a run's report in their documented order, the checks that flag a run that learned nothing (a
 * loss that stood still, a classifier at chance), and the one line of JSON that carries them.
 */
package dev.chainrule.optim.report;
