package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDX files that read without error but are not Fashion-MNIST's shape are refused naming the
 * file: a label of 12 ended in "Index 12 out of bounds for length 10", images of 3×4 pixels in a
 * Dense layer's input shape, and images of 14×56 (784 pixels) were trained on as 28×28. And
 * with training and test rows from files of their own, a class missing from training is blamed
 * on the training data, not on a split there is none of, a training set of one class is
 * refused, and the warnings' advice names only options fashion-mnist takes.
 */
class FashionMnistFilesTest {
  @TempDir
  Path dir;

  /** Writes the four files; {@code labels} for both sets, images of {@code side}×{@code side}. */
  private Path data(String name, int rows, int columns, int... labels) throws IOException {
    return data(name, rows, columns, labels, labels);
  }

  /** The four files, with training and test labels of their own. */
  private Path data(String name, int rows, int columns, int[] trainLabels, int[] testLabels)
      throws IOException {
    Path folder = Files.createDirectories(dir.resolve(name));
    for (String set : new String[] {"train", "t10k"}) {
      int[] labels = set.equals("train") ? trainLabels : testLabels;
      ByteArrayOutputStream images = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(images);
      out.writeInt(0x803);
      out.writeInt(labels.length);
      out.writeInt(rows);
      out.writeInt(columns);
      for (int i = 0; i < labels.length * rows * columns; i++) {
        out.writeByte(i * 37 % 256);
      }
      Files.write(folder.resolve(set + "-images-idx3-ubyte"), images.toByteArray());
      ByteArrayOutputStream classes = new ByteArrayOutputStream();
      DataOutputStream labelsOut = new DataOutputStream(classes);
      labelsOut.writeInt(0x801);
      labelsOut.writeInt(labels.length);
      for (int label : labels) {
        labelsOut.writeByte(label);
      }
      Files.write(folder.resolve(set + "-labels-idx1-ubyte"), classes.toByteArray());
    }
    return folder;
  }

  @Test
  void labelsBeyondTenClassesAndImagesOfAnotherSizeAreRefusedByFile() throws IOException {
    Path labels = data("labels", 28, 28, 0, 1, 2, 12, 4, 5);
    Cli.Result label = Cli.run("fashion-mnist", "--data", labels.toString(), "--epochs", "1",
        "--out", dir.resolve("o1").toString());
    assertEquals(1, label.exitCode());
    assertEquals("error: fashion-mnist: " + labels.resolve("train-labels-idx1-ubyte")
        + " holds label 12 at item 3; Fashion-MNIST has 10 classes (0 to 9)",
        label.err().strip());

    Path small = data("small", 3, 4, 0, 1, 2, 3);
    Cli.Result size = Cli.run("fashion-mnist", "--data", small.toString(), "--epochs", "1",
        "--out", dir.resolve("o2").toString());
    assertEquals(1, size.exitCode());
    assertEquals("error: fashion-mnist: " + small.resolve("train-images-idx3-ubyte")
        + " holds images of 3×4 (12 pixels); Fashion-MNIST's are 28×28 (784)",
        size.err().strip());

    // 784 pixels in rows of 56: they were read as 28×28, and the run trained with exit 0.
    Path wide = data("wide", 14, 56, 0, 1, 2, 3);
    Cli.Result shape = Cli.run("fashion-mnist", "--data", wide.toString(), "--epochs", "1",
        "--out", dir.resolve("o4").toString());
    assertEquals(1, shape.exitCode());
    assertEquals("error: fashion-mnist: " + wide.resolve("train-images-idx3-ubyte")
        + " holds images of 14×56 (784 pixels); Fashion-MNIST's are 28×28 (784)",
        shape.err().strip());
  }

  /**
   * The IDX reader's refusals named the file without its folder ("error: t10k-images-idx3-ubyte
   * has 4 images but t10k-labels-idx1-ubyte has 3 labels"), where the refusals above name it.
   */
  @Test
  void theReadersRefusalsNameTheFolder() throws IOException {
    Path counts = data("counts", 28, 28, 0, 1, 0, 1);
    Files.write(counts.resolve("t10k-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 0,
        1, 0});
    Cli.Result run = Cli.run("fashion-mnist", "--data", counts.toString(), "--epochs", "1",
        "--out", dir.resolve("o14").toString());
    assertEquals(1, run.exitCode(), run.out());
    assertEquals("error: fashion-mnist: in " + counts + ", t10k-images-idx3-ubyte has 4 images"
        + " but t10k-labels-idx1-ubyte has 3 labels", run.err().strip());
    Files.write(counts.resolve("train-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0});
    Cli.Result cut = Cli.run("fashion-mnist", "--data", counts.toString(), "--epochs", "1",
        "--out", dir.resolve("o15").toString());
    assertEquals(1, cut.exitCode(), cut.out());
    assertEquals("error: fashion-mnist: in " + counts + ", train-images-idx3-ubyte: truncated: the"
        + " header of IDX images has 16 bytes, found 5", cut.err().strip());
  }

  @Test
  void aClassMissingFromTrainingIsBlamedOnTheDataNotOnASplit() throws IOException {
    Path few = data("few", 28, 28, 0, 1, 0, 1, 0, 1);
    Cli.Result run = Cli.run("fashion-mnist", "--data", few.toString(), "--epochs", "1",
        "--out", dir.resolve("o3").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("warning: class Pullover has no training row: the training"
        + " data (with --limit, its first rows) holds none, so the network cannot learn it"),
        run.out());
  }

  /**
   * Under --validation every class missing from training was blamed on "the split sent all its
   * rows to the test and validation rows", a class the first images held none of too.
   */
  @Test
  void underValidationAMissingClassIsBlamedOnTheDataOrOnTheShareThatTookIt() throws IOException {
    // 8 T-shirts, 8 Trousers and one Pullover, which a share of 0.5 holds out; no Dress at all.
    int[] train = new int[17];
    Arrays.setAll(train, i -> i < 16 ? i % 2 : 2);
    Path few = data("fewvalidation", 28, 28, train, new int[] {0, 1, 2, 3});
    Cli.Result run = Cli.run("fashion-mnist", "--data", few.toString(), "--validation", "0.5",
        "--epochs", "1", "--out", dir.resolve("o12").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("warning: class Pullover has no training row: the --validation"
        + " split sent all its rows to the validation rows, so the network cannot learn it"),
        run.out());
    assertTrue(run.out().contains("warning: class Dress has no training row: the training data"
        + " (with --limit, its first rows) holds none, so the network cannot learn it"),
        run.out());
    assertFalse(run.out().contains("test and validation"), run.out());
  }

  /**
   * The rows left once --validation holds out its share are refused when they are of one class,
   * as train and digits refuse them: the check ran on the --limit images before the split, and a
   * run trained on two T-shirts with exit 0.
   */
  @Test
  void rowsTrainedOnOfOneClassUnderValidationAreRefused() throws IOException {
    int[] train = new int[15];
    Arrays.setAll(train, i -> i < 4 ? 0 : i == 4 ? 1 : 2);
    Path one = data("onetrained", 28, 28, train, new int[] {0, 1, 2, 3});
    Cli.Result run = Cli.run("fashion-mnist", "--data", one.toString(), "--limit", "5",
        "--validation", "0.5", "--epochs", "1", "--out", dir.resolve("o13").toString());
    assertEquals(1, run.exitCode(), run.out());
    assertEquals("error: fashion-mnist: the label \"item\" has one class (\"T-shirt\") in all 2"
        + " rows trained on, the other class's rows all in the 3 validation rows (\"Trouser\": 1):"
        + " there is nothing to tell apart; give more rows or a smaller --validation",
        run.err().strip());
  }

  @Test
  void aTrainingSetOfOneClassIsRefusedWithoutLimitToo() throws IOException {
    // Dresses alone: refused with --limit only, and without it the run trained, with exit 0, a
    // network that can answer nothing but Dress.
    Path dresses = data("dresses", 28, 28, 3, 3, 3, 3);
    Cli.Result run = Cli.run("fashion-mnist", "--data", dresses.toString(), "--epochs", "1",
        "--out", dir.resolve("o5").toString());
    assertEquals(1, run.exitCode(), run.out());
    assertEquals("error: fashion-mnist: " + dresses.resolve("train-labels-idx1-ubyte")
        + " holds 4 training images, all of one class (Dress): there is nothing to tell apart;"
        + " give --data a folder whose training labels hold two classes or more",
        run.err().strip());
    Cli.Result limited = Cli.run("fashion-mnist", "--data", dresses.toString(), "--limit", "2",
        "--epochs", "1", "--out", dir.resolve("o6").toString());
    assertEquals("error: fashion-mnist: --limit 2 leaves 2 training images, all of one class"
        + " (Dress): there is nothing to tell apart; give a larger --limit",
        limited.err().strip());
  }

  /**
   * An evaluation (--load, --epochs 0) trains on no image: training labels of one class are no
   * reason to refuse it, and were (the check ran on every call).
   */
  @Test
  void anEvaluationIsNotRefusedForItsTrainingLabels() throws IOException {
    Path mixed = data("mixed", 28, 28, 0, 1, 0, 1);
    String model = dir.resolve("m.safetensors").toString();
    Cli.Result saved = Cli.run("fashion-mnist", "--data", mixed.toString(), "--epochs", "1",
        "--save", model, "--out", dir.resolve("o9").toString());
    assertEquals(0, saved.exitCode(), saved.err());
    Path dresses = data("dressesthen", 28, 28, new int[] {3, 3, 3, 3}, new int[] {0, 1, 0, 1});
    Cli.Result evaluated = Cli.run("fashion-mnist", "--data", dresses.toString(), "--load",
        model, "--epochs", "0", "--out", dir.resolve("o10").toString());
    assertEquals(0, evaluated.exitCode(), evaluated.err());
    Cli.Result trained = Cli.run("fashion-mnist", "--data", dresses.toString(), "--load", model,
        "--epochs", "1", "--out", dir.resolve("o11").toString());
    assertEquals(1, trained.exitCode(), trained.out());
    assertTrue(trained.err().contains("all of one class (Dress)"), trained.err());
  }

  /**
   * The warnings' advice names fashion-mnist's options only: test files of one class were
   * advised "a larger --test-fraction", which fashion-mnist lacks, and a CNN at chance "another
   * --activation", which --model cnn refuses.
   */
  @Test
  void theAdviceOfWarningsNamesOnlyOptionsFashionMnistTakes() throws IOException {
    int[] twoClasses = {0, 1, 0, 1, 0, 1, 0, 1};
    Path oneTest = data("onetest", 28, 28, twoClasses, new int[] {1, 1, 1, 1});
    Cli.Result one = Cli.run("fashion-mnist", "--data", oneTest.toString(), "--epochs", "1",
        "--out", dir.resolve("o7").toString());
    assertEquals(0, one.exitCode(), one.err());
    assertTrue(one.out().contains("warning: the test rows hold only one class (all 4 of them)"),
        one.out());
    assertTrue(one.out().contains("; score it on test rows of more classes\n"), one.out());
    assertFalse(one.out().contains("--test-fraction"), one.out());
    // A rate of 1e-9 leaves the CNN as initialised: with the default seed it answers no test
    // image right, below the most common class's half.
    Path chance = data("chance", 28, 28, twoClasses, new int[] {0, 1, 0, 1});
    Cli.Result cnn = Cli.run("fashion-mnist", "--data", chance.toString(), "--model", "cnn",
        "--lr", "1e-9", "--epochs", "1", "--out", dir.resolve("o8").toString());
    assertEquals(0, cnn.exitCode(), cnn.err());
    assertTrue(cnn.out().contains("the network learned nothing it can use; look at the gradient"
        + " pictures (vanishing gradients?) and try another --lr\n"), cnn.out());
    assertFalse(cnn.out().contains("--activation"), cnn.out());
  }
}
