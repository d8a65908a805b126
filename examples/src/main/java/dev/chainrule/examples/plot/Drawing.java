package dev.chainrule.examples.plot;

import java.awt.image.BufferedImage;

/**
 * A finished picture and where its data went: the plot area with the data ranges it shows. A heat
 * map of K classes shows 0 to K both ways: column c spans x from c to c + 1, and row r, counted
 * from the top, spans y from K − r − 1 to K − r. Tests use the axes to find the pixel of a point
 * or a cell; {@link Plots} writes the image.
 *
 * @param image the picture
 * @param axes the plot area and its ranges
 */
record Drawing(BufferedImage image, Axes axes) {}
