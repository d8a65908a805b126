package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Tensor;
import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The tables of bad input the program refuses ({@link BadOptionsTest}, {@link
 * BadFilesAndModelsTest}, {@link BadDataAndRunsTest}), one row each: the arguments, the files the
 * case writes, the exit code (2 for usage errors, 1 for failures of the work) and the exact one
 * line on standard error. In arguments and messages {@code {dir}} stands for the case's own
 * folder; an argument {@code @name} is a file there. Nothing may be printed before a refusal,
 * except by the cases marked {@link #afterWork}, which fail once the work has begun.
 */
final class RefusedInputs {
  private RefusedInputs() {}

  /** A case: its name, arguments, files (name to text), exit code, message and when it fails. */
  record Case(String name, List<String> args, Map<String, String> files, int exitCode,
      String message, boolean beforeWork) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case usage(String name, String message, String... args) {
    return new Case(name, List.of(args), Map.of(), 2, message, true);
  }

  static Case fails(String name, String message, String... args) {
    return new Case(name, List.of(args), Map.of(), 1, message, true);
  }

  static Case withFile(Case c, String file, String text) {
    Map<String, String> files = new LinkedHashMap<>(c.files());
    files.put(file, text);
    return new Case(c.name(), c.args(), files, c.exitCode(), c.message(), c.beforeWork());
  }

  /** The case, which fails only after the work has begun and printed its progress. */
  static Case afterWork(Case c) {
    return new Case(c.name(), c.args(), c.files(), c.exitCode(), c.message(), false);
  }

  /** A CSV file: header "a,b,y", then rows "i,2i,label" for the labels. */
  static String csv(Object... labels) {
    return "a,b,y\n" + IntStream.range(0, labels.length)
        .mapToObj(i -> i + "," + 2 * i + "," + labels[i] + "\n").collect(Collectors.joining());
  }

  static Object[] alternating(int rows) {
    return IntStream.range(0, rows).mapToObj(i -> (Object) (i % 2 == 0 ? "cat" : "dog"))
        .toArray();
  }

  /** Writes {@code pets.csv} into {@code shared}: 40 rows of two classes. */
  static void writePets(Path shared) throws IOException {
    Files.writeString(shared.resolve("pets.csv"), csv(alternating(40)));
  }

  /**
   * Trains and saves the models the cases that load one need, into {@code shared}: iris, xor and
   * train on {@code pets.csv} ({@link #writePets} first), one epoch each; a safetensors file
   * with no model description; and the pets model with its description made invalid JSON three
   * ways, as a hand edit or a cut copy leaves it: a NaN ({@code nan.safetensors}), cut short
   * ({@code cut.safetensors}), a word after it ({@code word.safetensors}).
   */
  static void saveModels(Path shared) throws IOException {
    for (String[] args : List.of(
        new String[] {"iris", "--epochs", "1", "--save", "@iris.safetensors"},
        new String[] {"xor", "--epochs", "1", "--save", "@xor.safetensors"},
        new String[] {"train", "--csv", "@pets.csv", "--label", "y", "--epochs", "1", "--save",
            "@pets.safetensors"})) {
      List<String> resolved = new ArrayList<>(resolve(List.of(args), shared));
      resolved.addAll(List.of("--out", shared.resolve("pictures").toString()));
      assertEquals(0, Cli.run(resolved.toArray(String[]::new)).exitCode());
    }
    SafeTensors.write(shared.resolve("plain.safetensors"), Map.of("w", Tensor.vector(1, 2)));
    Checkpoint pets = SafeTensors.read(shared.resolve("pets.safetensors"));
    String description = pets.metadata().get("chainrule.model");
    Map<String, String> broken = Map.of(
        "nan", description.replaceFirst("\"version\":\\d+", "\"version\":NaN"),
        "cut", description.substring(0, description.indexOf("\"version\"")),
        "word", description + " oops");
    for (Map.Entry<String, String> file : broken.entrySet()) {
      Map<String, String> metadata = new LinkedHashMap<>(pets.metadata());
      metadata.put("chainrule.model", file.getValue());
      SafeTensors.write(shared.resolve(file.getKey() + ".safetensors"), pets.tensors(), metadata);
    }
  }

  /** Runs the case in its own folder under {@code shared} and checks how it is refused. */
  static void assertRefused(Case c, Path shared) throws IOException {
    Path dir = Files.createDirectories(shared.resolve("case-" + c.name().replace(' ', '-')));
    for (Map.Entry<String, String> file : c.files().entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
    }
    List<String> args = new ArrayList<>(resolve(c.args(), dir));
    if (!args.contains("--out") && List.of("iris", "blobs", "train", "xor", "fashion-mnist")
        .contains(args.get(0))) {
      args.addAll(List.of("--out", dir.resolve("pictures").toString()));
    }
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertEquals(List.of("error: " + c.message().replace("{dir}", dir.toString())),
        r.err().lines().toList(), r.out());
    assertEquals(c.exitCode(), r.exitCode(), r.err());
    if (c.beforeWork()) {
      assertEquals("", r.out(), "refused before any work");
    }
  }

  /** Arguments with {dir} and @file resolved against {@code dir}; absolute @files stay. */
  static List<String> resolve(List<String> args, Path dir) {
    return args.stream().map(a -> a.startsWith("@") ? dir.resolve(a.substring(1)).toString()
        : a.replace("{dir}", dir.toString())).toList();
  }
}
