/**
 * The program's pictures, drawn by XChart: what stays here is only the mapping of chainrule's
 * results onto charts. {@link dev.chainrule.examples.plot.CurveChart} draws loss, accuracy and
 * gradient curves over epochs, {@link dev.chainrule.examples.plot.DecisionBoundaryChart} a
 * classifier's regions in the plane with the data on top,
 * {@link dev.chainrule.examples.plot.ConfusionMatrixChart} a confusion matrix as a heat map and
 * {@link dev.chainrule.examples.plot.ActivationChart} a hidden layer's activations before and after
 * training. Each returns the chart object (tests read its series and labels);
 * {@link dev.chainrule.examples.plot.ChartFiles} writes it as PNG, SVG or PDF.
 */
package dev.chainrule.examples.plot;
