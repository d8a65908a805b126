package dev.chainrule.examples.commands;

import dev.chainrule.core.DType;
import dev.chainrule.examples.cli.Failure;
import dev.chainrule.optim.data.DataFormatException;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.IdxReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * fashion-mnist's reading of a pair of IDX files: refused when they are not Fashion-MNIST's
 * shape, or not sound IDX files, each message naming the file with its folder.
 */
final class FashionMnistFiles {
  private FashionMnistFiles() {}

  /**
   * Reads a pair of IDX files in {@code dtype}, refusing those that are not Fashion-MNIST's shape:
   * images of another size, or a label beyond its ten classes. Both read without error and failed
   * later inside the model (an index out of bounds, a Dense layer's input shape) without naming
   * the file.
   *
   * <p>The IDX reader's own refusals (a truncated file, a wrong magic number, images and labels
   * of different counts) name the files without their folder, as the library's readers do; here
   * the folder is added, as the refusals above name it: "error: t10k-images-idx3-ubyte.gz has 50
   * images but t10k-labels-idx1-ubyte.gz has 49 labels" did not say which --data it was.
   *
   * @param images the images file
   * @param labels the labels file, in the same folder
   * @param dtype the element type of the features
   * @return the images and their labels
   * @throws IOException when a file cannot be read
   */
  static Dataset read(Path images, Path labels, DType dtype) throws IOException {
    try {
      return readChecked(images, labels, dtype);
    } catch (DataFormatException e) {
      Path folder = images.getParent();
      throw new Failure(folder == null ? "fashion-mnist: " + e.getMessage()
          : String.format(Locale.ROOT, "fashion-mnist: in %s, %s", folder, e.getMessage()), e);
    }
  }

  private static Dataset readChecked(Path images, Path labels, DType dtype) throws IOException {
    List<String> classes = FashionMnistCommand.CLASSES;
    // By the header's rows and columns, not the pixels' count: images of 14×56 (or 1×784) have
    // 784 pixels too, and were read as 28×28 (the CNN's rows cut across the images' rows). The
    // header alone, before 47 million pixels are read.
    int[] size = IdxReader.imageSize(images);
    if (size[0] != 28 || size[1] != 28) {
      throw new Failure(String.format(Locale.ROOT, "fashion-mnist: %s holds images of %d×%d"
          + " (%d pixels); Fashion-MNIST's are 28×28 (784)", images, size[0], size[1],
          size[0] * size[1]));
    }
    Dataset data = IdxReader.readDataset(images, labels, dtype);
    int bad = data.labels().indexNotClass(classes.size());
    if (bad >= 0) {
      // Labels are read as doubles: a whole one prints as the file holds it, "12", not "12.0".
      double label = data.labels().flatGet(bad);
      throw new Failure(String.format(Locale.ROOT, "fashion-mnist: %s holds label %s at item %d;"
          + " Fashion-MNIST has %d classes (0 to %d)", labels, label == Math.rint(label)
              && Math.abs(label) < 1e15 ? Long.toString((long) label) : Double.toString(label),
          bad, classes.size(), classes.size() - 1));
    }
    return data;
  }
}
