package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fashion-mnist model takes its pixels as they are, bytes divided by 255, with no
 * standardisation whose statistics would tell a far value: images of 0 to 255 (Kaggle's CSV)
 * were answered with certainty ("Boot,1.0000") and no word. Its file records the scale
 * ({@code chainrule.input_scale}), and predict warns of values outside [0, 1], naming the first
 * row, its column and the remedy; the rows are still predicted, as far values are.
 */
class PixelScaleWarningTest {
  @TempDir
  Path dir;

  /** A CSV of Fashion-MNIST's 784 pixel columns, whose row r, pixel p holds {@code pixel}. */
  private Path images(String name, int rows, java.util.function.BiFunction<Integer, Integer,
      String> pixel) throws IOException {
    StringBuilder text = new StringBuilder(IntStream.range(0, 784)
        .mapToObj(i -> "pixel_" + i / 28 + "_" + i % 28).collect(Collectors.joining(",")));
    text.append('\n');
    for (int r = 0; r < rows; r++) {
      int row = r;
      text.append(IntStream.range(0, 784).mapToObj(p -> pixel.apply(row, p))
          .collect(Collectors.joining(","))).append('\n');
    }
    return Files.writeString(dir.resolve(name), text);
  }

  private Path model() throws IOException {
    Path data = SavedDataOptionsTest.images(dir);
    Path saved = dir.resolve("fm.st");
    Cli.Result trained = Cli.run("fashion-mnist", "--data", data.toString(), "--hidden", "4",
        "--epochs", "1", "--save", saved.toString(), "--out", dir.resolve("o").toString());
    assertEquals(0, trained.exitCode(), trained.err());
    return saved;
  }

  @Test
  void bytesOfZeroTo255AreWarnedOf() throws IOException {
    Path saved = model();
    assertEquals("bytes/255",
        SafeTensors.list(saved).metadata().get("chainrule.input_scale"));
    IntBinaryOperator bytes = (r, p) -> (r * 37 + p * 11) % 256;
    // Row 1 holds pixels in [0, 1], some a little off by rounding (1.001, -0.001: within half a
    // pixel step, 1/510); row 2's pixel_1_2 is the first byte, row 3 holds every one.
    Path csv = images("kaggle.csv", 3, (r, p) -> r == 0
        ? (p == 0 ? "1.001" : p == 1 ? "-0.001" : Double.toString(bytes.applyAsInt(r, p) / 255.0))
        : r == 1 ? (p == 30 ? "128" : "0") : Integer.toString(bytes.applyAsInt(r, p)));
    Cli.Result predicted = Cli.run("predict", "--load", saved.toString(), "--csv",
        csv.toString());
    assertEquals(0, predicted.exitCode(), predicted.err());
    assertEquals(3, predicted.out().lines().count() - 1, predicted.out());
    assertEquals(List.of("warning: line 3 of kaggle.csv: pixel_1_2 is 128, outside [0, 1], the"
        + " scale of the pixels fm.st's model was trained on (bytes divided by 255); 1 more row"
        + " lies outside it, up to 255: its predictions there are of inputs it never saw; divide"
        + " pixels of 0 to 255 (as Kaggle's Fashion-MNIST CSV holds them) by 255 first"),
        predicted.err().lines().toList());

    Path scaled = images("scaled.csv", 2, (r, p) -> Double.toString(
        bytes.applyAsInt(r, p) / 255.0));
    Cli.Result quiet = Cli.run("predict", "--load", saved.toString(), "--csv",
        scaled.toString());
    assertEquals(0, quiet.exitCode(), quiet.err());
    assertFalse(quiet.err().contains("warning"), quiet.err());
  }

  /** A file saved before the scale was recorded: a fashion-mnist model's pixels had it too. */
  @Test
  void aFileWithoutTheEntryIsAFashionMnistModelsScale() throws IOException {
    Path saved = model();
    Checkpoint file = SafeTensors.read(saved);
    Map<String, String> metadata = new LinkedHashMap<>(file.metadata());
    assertTrue(metadata.remove("chainrule.input_scale") != null);
    Path old = dir.resolve("old.st");
    SafeTensors.write(old, file.tensors(), metadata);
    Path csv = images("kaggle.csv", 1, (r, p) -> p == 783 ? "255" : "0");
    Cli.Result predicted = Cli.run("predict", "--load", old.toString(), "--csv",
        csv.toString());
    assertEquals(0, predicted.exitCode(), predicted.err());
    assertTrue(predicted.err().startsWith("warning: line 2 of kaggle.csv: pixel_27_27 is 255,"
        + " outside [0, 1], the scale of the pixels old.st's model was trained on (bytes divided"
        + " by 255): its predictions there"), predicted.err());
  }
}
