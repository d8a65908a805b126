/**
 * PNG pictures for the examples program: loss and accuracy curves over epochs, a classifier's
 * decision regions in the plane with the data on top, and confusion-matrix heat maps. Everything
 * is drawn with Java2D into images, headless, in one shared style ({@code Canvas}, {@code Axes},
 * {@code Palette}); {@link dev.chainrule.examples.plot.Plots} is the entry point and checks the
 * caller's arguments before anything is drawn.
 */
package dev.chainrule.examples.plot;
