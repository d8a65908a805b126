package dev.chainrule.optim.checkpoint;

import dev.chainrule.core.Shape;
import dev.chainrule.optim.model.Layer;
import dev.chainrule.optim.model.Layer.DenseLayer;
import dev.chainrule.optim.model.ModelDescription;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The parameters a description's network has, by path and shape, checked against the file before
 * {@link ModelCheckpoint#loadDescribed} builds the network. A description is a few lines of
 * metadata, and one claiming a dense layer of two billion weights had them allocated and
 * initialised (an OutOfMemoryError, or seconds of work for 100 million) before the file was found
 * to hold no such weights. Checked first, the network is built only when the file holds a value
 * of every parameter's shape, so what it allocates is bounded by the file, as reading is.
 */
final class DescribedShapes {
  private DescribedShapes() {}

  /**
   * Refuses a file that lacks a parameter of the described network, or holds it in another
   * shape, with the missing, mis-shaped and unexpected entries {@link StateMatch} would report
   * once the network were built (a network of dense and activation layers has no buffers or
   * counters to tell apart). Tensors the file cannot convert and tied values that disagree are
   * left to {@code StateMatch}, which still reads the file after this: they are not this
   * check's concern, which is only that building the network costs no more than the file holds.
   *
   * @throws CheckpointMismatchException naming what is missing, mis-shaped and unexpected
   */
  static void require(String source, Checkpoint checkpoint, ModelDescription description) {
    Map<String, Shape> expected = new LinkedHashMap<>();
    Map<String, String> firstPaths = new HashMap<>();
    List<Layer> layers = description.layers();
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i) instanceof DenseLayer dense) {
        expected.put(i + ".weight", Shape.of(dense.out(), dense.in()));
        if (dense.bias()) {
          expected.put(i + ".bias", Shape.of(dense.out()));
        }
        if (dense.sameAs() != null) {
          firstPaths.put(i + ".weight", dense.sameAs() + ".weight");
          firstPaths.put(i + ".bias", dense.sameAs() + ".bias");
        }
      }
    }
    List<String> loaded = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> misshaped = new ArrayList<>();
    expected.forEach((path, shape) -> {
      List<Long> inFile = dimsInFile(checkpoint, path);
      // A tied path may be an alias in the metadata (safetensors' save_model), as TiedPaths reads.
      String alias = TiedPaths.tiedAlias(checkpoint, firstPaths, path);
      if (inFile == null && alias != null) {
        inFile = dimsInFile(checkpoint, alias);
      }
      if (inFile == null) {
        missing.add(path);
      } else if (!inFile.equals(TensorListing.dimsOf(shape))) {
        misshaped.add(path + ": file " + inFile + " vs model " + shape);
      } else {
        loaded.add(path);
      }
    });
    if (missing.isEmpty() && misshaped.isEmpty()) {
      return;
    }
    List<String> unexpected = Stream.concat(checkpoint.tensors().keySet().stream(),
            checkpoint.unreadable().stream().map(TensorListing.Entry::name))
        .filter(name -> !name.startsWith(StateLayout.OPTIMIZER_PREFIX)
            && !expected.containsKey(name))
        .toList();
    throw new CheckpointMismatchException(source, new LoadReport(loaded, missing, unexpected,
        misshaped, List.of(), List.of(), checkpoint.metadata()));
  }

  /**
   * The dimensions of the file's tensor of this name, read or unreadable (of a type chainrule
   * does not read, or of a dimension a shape cannot hold), or null when it has none.
   */
  private static List<Long> dimsInFile(Checkpoint checkpoint, String name) {
    if (checkpoint.tensors().containsKey(name)) {
      return TensorListing.dimsOf(checkpoint.tensors().get(name).shape());
    }
    return checkpoint.unreadable(name).map(TensorListing.Entry::dims).orElse(null);
  }
}
