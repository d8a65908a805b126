package dev.chainrule.examples.run;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.model.ModelDescription;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The scale of a model's pixels, which it takes as they are: {@code fashion-mnist} trains on
 * the images' bytes divided by 255, in [0, 1], with no standardisation, so predict's distances
 * in standard deviations ({@link FarFeatures}) have nothing to measure by. Kaggle's CSV of the
 * same images holds the bytes, 0 to 255: predicted as they stood, 200 test images got answers
 * such as "Boot,1.0000", wrong and certain, without a word. A saved model records the scale
 * ({@link #METADATA_KEY}, {@link #BYTES_OVER_255}); predict warns of a value outside it.
 */
public final class PixelScale {
  /** The metadata key of the scale a model's inputs were trained on. */
  public static final String METADATA_KEY = "chainrule.input_scale";

  /** The entry's value for pixel bytes divided by 255, the only scale recorded so far. */
  public static final String BYTES_OVER_255 = "bytes/255";

  /**
   * How far outside [0, 1] a value may lie and still be a pixel: half the step between two
   * pixel values (1/255), so a pixel written with a few decimals (0.99999 for 1) is one, and a
   * value beyond it is no byte / 255 at all.
   */
  static final double TOLERANCE = 0.5 / 255;

  private PixelScale() {}

  /**
   * Whether a model's inputs were pixel bytes divided by 255: its metadata says so, or, in a
   * file saved before the entry was written, it is a {@code fashion-mnist} model without
   * standardisation (that command has only ever read its images so). Another recorded scale is
   * not this one.
   *
   * @param metadata the file's metadata
   * @param d the model's description
   * @return whether its inputs lie in [0, 1] as bytes / 255
   */
  public static boolean bytesOver255(Map<String, String> metadata, ModelDescription d) {
    String recorded = metadata.get(METADATA_KEY);
    return recorded != null ? recorded.equals(BYTES_OVER_255)
        : d.name().equals("fashion-mnist") && d.featureScaling() == null;
  }

  /**
   * The warning for rows with a value outside [0, 1] (by more than {@link #TOLERANCE}), naming
   * the first and the remedy; empty when every value is a pixel of that scale. The rows are still
   * predicted, as those {@link FarFeatures} warns of are.
   *
   * @param raw the rows as the file holds them, which the model takes as they are
   * @param features the features' names, in column order
   * @param model the model file's name
   * @param rowName a row's name for people, by index ("line 7 of images.csv")
   * @return the warning's text, without the "warning: " prefix
   */
  public static Optional<String> warning(Tensor raw, List<String> features, String model,
      IntFunction<String> rowName) {
    int index = raw.indexOutside(-TOLERANCE, 1 + TOLERANCE);
    if (index < 0) {
      return Optional.empty();
    }
    int columns = features.size();
    int first = index / columns;
    int rows = (int) raw.sub(0.5).abs().gt(0.5 + TOLERANCE).max(1, false).sum().item();
    double largest = raw.max().item();
    return Optional.of(String.format(Locale.ROOT, "%s: %s is %s, outside [0, 1], the scale of"
        + " the pixels %s's model was trained on (bytes divided by 255)%s: its predictions there"
        + " are of inputs it never saw; divide pixels of 0 to 255 (as Kaggle's Fashion-MNIST CSV"
        + " holds them) by 255 first", rowName.apply(first), features.get(index % columns),
        number(raw.flatGet(index)), model, rows == 1 ? "" : String.format(Locale.ROOT,
            "; %,d more %s outside it%s", rows - 1, rows == 2 ? "row lies" : "rows lie",
            largest > 1 + TOLERANCE ? ", up to " + number(largest) : "")));
  }

  /** A pixel as a file writes it: 255, not 255.0. */
  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value) : String.format(Locale.ROOT, "%.6g", value);
  }
}
