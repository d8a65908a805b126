package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model described in code and named for a command, but trained on other columns (a newcomer's
 * Iris model with features {@code sl, sw, pl, pw} and classes {@code 0, 1, 2}), was scored by
 * {@code iris --load F --epochs 0} on the command's columns and classes without a word. It is
 * refused, naming both lists; the program's own file, whose columns are the command's, is not.
 * {@code fashion-mnist}, whose test images are a file of their own, not a split, checks the same.
 */
class OtherColumnsFileTest {
  @TempDir
  Path dir;

  @Test
  void aModelOfOtherColumnsIsRefusedNamingThem() throws IOException {
    Path file = dir.resolve("iris.safetensors");
    Cli.Result saved = Cli.run("iris", "--epochs", "2", "--save", file.toString(), "--out",
        dir.resolve("a").toString());
    assertEquals(0, saved.exitCode(), saved.err());
    Cli.Result own = Cli.run("iris", "--load", file.toString(), "--epochs", "0", "--out",
        dir.resolve("b").toString());
    assertEquals(0, own.exitCode(), own.err());

    // The same weights and split, described with the newcomer's names.
    Checkpoint checkpoint = SafeTensors.read(file);
    Map<String, String> metadata = new LinkedHashMap<>(checkpoint.metadata());
    String json = metadata.get("chainrule.model");
    String renamed = json.replace("\"sepal_length\"", "\"sl\"")
        .replace("\"sepal_width\"", "\"sw\"").replace("\"petal_length\"", "\"pl\"")
        .replace("\"petal_width\"", "\"pw\"").replace("\"setosa\"", "\"0\"")
        .replace("\"versicolor\"", "\"1\"").replace("\"virginica\"", "\"2\"");
    assertTrue(!renamed.equals(json), json);
    metadata.put("chainrule.model", renamed);
    SafeTensors.write(file, checkpoint.tensors(), metadata);

    Cli.Result other = Cli.run("iris", "--load", file.toString(), "--epochs", "0", "--out",
        dir.resolve("c").toString());
    assertEquals(1, other.exitCode(), other.out());
    assertTrue(other.err().contains("the loaded model (iris) was trained on other columns than"
        + " this data's: its features are (sl, sw, pl, pw), this data's (sepal_length,"
        + " sepal_width, petal_length, petal_width); its classes are (0, 1, 2), this data's"
        + " (setosa, versicolor, virginica)"), other.err());
  }

  @Test
  void fashionMnistRefusesAModelOfOtherClasses() throws IOException {
    Path fashion = Path.of("/usr/share/datasets/fashion-mnist");
    assumeTrue(Files.exists(fashion.resolve("train-images-idx3-ubyte.gz")),
        "Fashion-MNIST is not installed");
    Path file = dir.resolve("fashion.safetensors");
    Cli.Result saved = Cli.run("fashion-mnist", "--limit", "600", "--hidden", "16", "--epochs",
        "1", "--save", file.toString(), "--out", dir.resolve("a").toString());
    assertEquals(0, saved.exitCode(), saved.err());

    // Classes numbered as a model of one's own might name them.
    Checkpoint checkpoint = SafeTensors.read(file);
    Map<String, String> metadata = new LinkedHashMap<>(checkpoint.metadata());
    String json = metadata.get("chainrule.model");
    String renamed = json.replace("\"T-shirt\"", "\"0\"").replace("\"Trouser\"", "\"1\"");
    assertTrue(!renamed.equals(json), json);
    metadata.put("chainrule.model", renamed);
    SafeTensors.write(file, checkpoint.tensors(), metadata);

    Cli.Result other = Cli.run("fashion-mnist", "--load", file.toString(), "--epochs", "0",
        "--out", dir.resolve("b").toString());
    assertEquals(1, other.exitCode(), other.out());
    assertTrue(other.err().contains("fashion-mnist: the loaded model (fashion-mnist) was trained"
        + " on other columns than this data's: its classes are (0, 1, Pullover, Dress, Coat,"
        + " Sandal, Shirt, Sneaker, Bag, Boot), this data's (T-shirt, Trouser, Pullover,"),
        other.err());
  }
}
