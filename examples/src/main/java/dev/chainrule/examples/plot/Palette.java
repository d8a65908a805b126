package dev.chainrule.examples.plot;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.Color;
import java.util.stream.IntStream;

/**
 * The colours of every chart. Classes and curves use Tableau 10 (Maureen Stone's 2016 revision),
 * chosen over Okabe–Ito because it has ten distinct hues rather than eight, and its lightness
 * differences keep neighbouring hues apart for the common colour-vision deficiencies. Heat maps
 * use the light half of ColorBrewer's sequential "Blues": lightness falls monotonically, so darker
 * means more, and its darkest shade still keeps dark count labels legible (WCAG's 4.5:1).
 */
final class Palette {
  static {
    Headless.ensure();
  }

  /** How many classes or curves can be told apart. */
  static final int SIZE = 10;

  /** Text and frames: near-black, softer than pure black next to the hues. */
  static final Color INK = new Color(0x222222);

  private static final int[] TABLEAU_10 = {
      0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F,
      0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC};

  private static final int[] LIGHT_BLUES = {0xF7FBFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6};

  /** How much of the class hue a decision region keeps; the rest is white, so points stand out. */
  private static final double REGION_STRENGTH = 0.42;

  private Palette() {}

  /** The full-strength colour of class (or curve) {@code k}, {@code 0 <= k < SIZE}. */
  static Color color(int k) {
    checkArgument(k >= 0 && k < SIZE, "palette: colour %s is not in [0, %s)", k, SIZE);
    return new Color(TABLEAU_10[k]);
  }

  /** The ten colours in order, for a chart's series. */
  static Color[] colors() {
    return IntStream.range(0, SIZE).mapToObj(Palette::color).toArray(Color[]::new);
  }

  /** The light tint that fills the region predicted as class {@code k}. */
  static Color region(int k) {
    Color c = color(k);
    return new Color(mix(c.getRed()), mix(c.getGreen()), mix(c.getBlue()));
  }

  /** The heat-map scale from none (nearly white) to the most (mid blue). */
  static Color[] heat() {
    return IntStream.of(LIGHT_BLUES).mapToObj(Color::new).toArray(Color[]::new);
  }

  /** WCAG relative luminance: sRGB channels linearised, then weighted by the eye's sensitivity. */
  static double luminance(Color c) {
    return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen())
        + 0.0722 * linear(c.getBlue());
  }

  private static int mix(int channel) {
    return (int) Math.round(REGION_STRENGTH * channel + (1 - REGION_STRENGTH) * 255);
  }

  private static double linear(int channel) {
    double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
}
