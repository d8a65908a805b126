package dev.chainrule.examples.plot;

import java.util.Arrays;
import java.util.Locale;

/** The file formats charts are written in: PNG pictures, or SVG and PDF that scale. */
public enum ChartFormat {
  /** A bitmap at the chart's size in pixels: what image viewers and READMEs show. */
  PNG,
  /** Scalable vector graphics, for web pages and slides. */
  SVG,
  /** A one-page PDF, for papers and print. */
  PDF;

  /**
   * The format with this name, case-insensitive.
   *
   * @param name "png", "svg" or "pdf"
   * @return the format
   * @throws IllegalArgumentException naming the formats when {@code name} is none of them
   */
  public static ChartFormat named(String name) {
    return Arrays.stream(values()).filter(f -> f.extension().equalsIgnoreCase(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown picture format '" + name + "' (choose png, svg or pdf)"));
  }

  /**
   * The file name extension, without the dot.
   *
   * @return "png", "svg" or "pdf"
   */
  public String extension() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return extension();
  }
}
