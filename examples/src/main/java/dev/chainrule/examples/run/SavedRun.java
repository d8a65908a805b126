package dev.chainrule.examples.run;

import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.model.HeldOutRows;
import dev.chainrule.optim.model.Layer;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What a loaded file says of the run that saved it, beyond its weights, read leniently: a file
 * saved before an entry was recorded, or by another tool, says nothing rather than failing the
 * load. {@link SavedModels} checks the command line against it.
 */
final class SavedRun {
  private SavedRun() {}

  /**
   * The share of the training rows the file's run held out ({@link HeldOutRows#METADATA_KEY}),
   * or empty for a file that does not say (saved before it was recorded, or not by the program).
   */
  static OptionalDouble validationFraction(ModelCheckpoint.DescribedModel loaded) {
    String text = loaded.report().metadata().get(HeldOutRows.METADATA_KEY);
    try {
      double fraction = text == null ? Double.NaN : Double.parseDouble(text);
      return fraction >= 0 && fraction < 1 ? OptionalDouble.of(fraction) : OptionalDouble.empty();
    } catch (NumberFormatException e) {
      return OptionalDouble.empty(); // a file edited by hand says nothing usable: as before
    }
  }

  /** The widths of the hidden Dense layers: every Dense layer's outputs but the last's. */
  static List<Integer> hiddenWidths(List<Layer> layers) {
    List<Integer> outs = layers.stream().filter(l -> l instanceof Layer.DenseLayer)
        .map(l -> ((Layer.DenseLayer) l).out()).toList();
    return outs.subList(0, outs.size() - 1);
  }
}
