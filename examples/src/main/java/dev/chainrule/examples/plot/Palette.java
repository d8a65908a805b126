package dev.chainrule.examples.plot;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.Color;

/**
 * The colours of every picture. Classes and curves use Tableau 10 (Maureen Stone's 2016
 * revision), chosen over Okabe–Ito because it has ten distinct hues rather than eight, and its
 * lightness differences keep neighbouring hues apart for the common colour-vision deficiencies.
 * Heat maps use ColorBrewer's sequential "Blues", whose lightness falls monotonically, so darker
 * always means more.
 */
final class Palette {
  static {
    Headless.ensure();
  }

  /** How many classes or curves can be told apart. */
  static final int SIZE = 10;

  /** Text, frames and point outlines: near-black, softer than pure black next to the hues. */
  static final Color INK = new Color(0x222222);
  /** Tick labels and secondary text. */
  static final Color MUTED = new Color(0x555555);
  /** Grid lines behind the data. */
  static final Color GRID = new Color(0xE6E6E6);

  private static final int[] TABLEAU_10 = {
      0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F,
      0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC};

  private static final int[] BLUES = {
      0xF7FBFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x08519C, 0x08306B};

  /** How much of the class hue a decision region keeps; the rest is white, so points stand out. */
  private static final double REGION_STRENGTH = 0.42;

  private Palette() {}

  /** The full-strength colour of class (or curve) {@code k}, {@code 0 <= k < SIZE}. */
  static Color color(int k) {
    checkArgument(k >= 0 && k < SIZE, "palette: colour %s is not in [0, %s)", k, SIZE);
    return new Color(TABLEAU_10[k]);
  }

  /** The light tint that fills the region predicted as class {@code k}. */
  static Color region(int k) {
    return mix(color(k), Color.WHITE, REGION_STRENGTH);
  }

  /** The heat-map colour of {@code fraction} in [0, 1] (clamped): white-blue to dark navy. */
  static Color heat(double fraction) {
    double position = Math.max(0, Math.min(1, fraction)) * (BLUES.length - 1);
    int low = Math.min((int) position, BLUES.length - 2);
    return mix(new Color(BLUES[low + 1]), new Color(BLUES[low]), position - low);
  }

  /** Near-black or white, whichever contrasts more with {@code background} (WCAG's ratio). */
  static Color textOn(Color background) {
    double luminance = luminance(background);
    double againstWhite = 1.05 / (luminance + 0.05);
    double againstInk = (luminance + 0.05) / (luminance(INK) + 0.05);
    return againstWhite > againstInk ? Color.WHITE : INK;
  }

  /** {@code weight} of {@code a} and the rest of {@code b}, channel by channel in sRGB. */
  static Color mix(Color a, Color b, double weight) {
    return new Color(
        channel(a.getRed(), b.getRed(), weight),
        channel(a.getGreen(), b.getGreen(), weight),
        channel(a.getBlue(), b.getBlue(), weight));
  }

  /** WCAG relative luminance: sRGB channels linearised, then weighted by the eye's sensitivity. */
  static double luminance(Color c) {
    return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen())
        + 0.0722 * linear(c.getBlue());
  }

  private static int channel(int a, int b, double weight) {
    return (int) Math.round(weight * a + (1 - weight) * b);
  }

  private static double linear(int channel) {
    double c = channel / 255.0;
    return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
}
