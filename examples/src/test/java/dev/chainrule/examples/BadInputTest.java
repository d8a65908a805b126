package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Tensor;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input the program refuses, one row each: the arguments, the files the case writes, the
 * exit code (2 for usage errors, 1 for failures of the work) and the exact one line on standard
 * error. In arguments and messages {@code {dir}} stands for the case's own folder; an argument
 * {@code @name} is a file there. Three models are saved once for the cases that load one.
 */
class BadInputTest {
  @TempDir
  static Path shared;

  /** A case: its name, arguments, files (name to text), exit code and message. */
  record Case(String name, List<String> args, Map<String, String> files, int exitCode,
      String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case usage(String name, String message, String... args) {
    return new Case(name, List.of(args), Map.of(), 2, message);
  }

  private static Case fails(String name, String message, String... args) {
    return new Case(name, List.of(args), Map.of(), 1, message);
  }

  private static Case withFile(Case c, String file, String text) {
    Map<String, String> files = new LinkedHashMap<>(c.files());
    files.put(file, text);
    return new Case(c.name(), c.args(), files, c.exitCode(), c.message());
  }

  /** A CSV file: header "a,b,y", then rows "i,2i,label" for the labels. */
  private static String csv(Object... labels) {
    return "a,b,y\n" + IntStream.range(0, labels.length)
        .mapToObj(i -> i + "," + 2 * i + "," + labels[i] + "\n").collect(Collectors.joining());
  }

  private static Object[] alternating(int rows) {
    return IntStream.range(0, rows).mapToObj(i -> (Object) (i % 2 == 0 ? "cat" : "dog"))
        .toArray();
  }

  @BeforeAll
  static void saveModels() throws IOException {
    Files.writeString(shared.resolve("pets.csv"), csv(alternating(40)));
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
  }

  static Stream<Case> cases() {
    String pets = "@" + shared.resolve("pets.csv");
    String iris = "@" + shared.resolve("iris.safetensors");
    String xor = "@" + shared.resolve("xor.safetensors");
    String petsModel = "@" + shared.resolve("pets.safetensors");
    String plain = "@" + shared.resolve("plain.safetensors");
    String irisHelp = " (see 'chainrule iris --help')";
    String trainHelp = " (see 'chainrule train --help')";
    String gradcheckHelp = " (see 'chainrule gradcheck --help')";
    return Stream.of(
        // Usage errors: exit 2.
        usage("unknown command", "Unmatched argument at index 0: 'frobnicate' (see 'chainrule"
            + " --help')", "frobnicate"),
        usage("unknown option", "Unknown option: '--colour'" + irisHelp, "iris", "--colour"),
        usage("missing options", "Missing required option: '--csv=FILE'" + trainHelp, "train"),
        usage("missing label", "Missing required option: '--label=COLUMN'" + trainHelp, "train",
            "--csv", pets),
        usage("not a whole number", "Invalid value for option '--epochs': 'many' is not a whole"
            + " number" + irisHelp, "iris", "--epochs", "many"),
        usage("whole number out of range", "Invalid value for option '--seed':"
            + " '99999999999999999999' is out of range (at most 9223372036854775807)" + irisHelp,
            "iris", "--seed", "99999999999999999999"),
        usage("nan in lower case", "Invalid value for option '--lr': 'nan' is not a finite number"
            + irisHelp, "iris", "--lr", "nan"),
        usage("NaN as Java spells it", "Invalid value for option '--lr': 'NaN' is not a finite"
            + " number" + irisHelp, "iris", "--lr", "NaN"),
        usage("number beyond float64", "Invalid value for option '--lr': '1e999' is too large"
            + irisHelp, "iris", "--lr", "1e999"),
        usage("negative rate", "--lr must be positive, got -0.1" + irisHelp, "iris", "--lr",
            "-0.1"),
        usage("negative epochs", "--epochs must not be negative, got -1" + irisHelp, "iris",
            "--epochs", "-1"),
        usage("zero batch", "--batch-size must be positive, got 0" + irisHelp, "iris",
            "--batch-size", "0"),
        usage("zero width", "--hidden widths must be positive, got 4,0" + irisHelp, "iris",
            "--hidden", "4,0"),
        usage("unknown optimizer", "unknown optimizer 'fast' (choose sgd, momentum, nesterov,"
            + " adam, adamw, rmsprop, adagrad)" + irisHelp, "iris", "--optimizer", "fast"),
        usage("unknown activation", "unknown activation 'swish' (choose identity, sigmoid, tanh,"
            + " relu, leaky-relu, elu, gelu, gelu-tanh, softplus) (see 'chainrule blobs --help')",
            "blobs", "--activation", "swish"),
        usage("control characters are not echoed", "Invalid value for option '--seed': 'x??y' is"
            + " not a whole number" + irisHelp, "iris", "--seed", "x\u0001\u001by"),
        usage("unknown task", "--task must be classification or regression, got 'ranking'"
            + trainHelp, "train", "--csv", pets, "--label", "y", "--task", "ranking"),
        usage("test fraction 1", "--test-fraction must lie between 0 and 1 (exclusive), got 1.0"
            + trainHelp, "train", "--csv", pets, "--label", "y", "--test-fraction", "1"),
        usage("features and drop", "--features and --drop cannot be used together" + trainHelp,
            "train", "--csv", pets, "--label", "y", "--features", "a", "--drop", "b"),
        usage("unknown missing policy", "--missing must be reject or drop, got 'maybe'"
            + trainHelp, "train", "--csv", pets, "--label", "y", "--missing", "maybe"),
        usage("too few points", "--points must be at least 4, got 1 (see 'chainrule blobs"
            + " --help')", "blobs", "--points", "1"),
        usage("no cases", "--cases must be positive, got 0 (see 'chainrule gradcheck --help')",
            "gradcheck", "--cases", "0"),
        usage("cnn with an activation", "--activation applies to --model mlp; the CNN uses ReLU"
            + " (see 'chainrule fashion-mnist --help')", "fashion-mnist", "--model", "cnn",
            "--activation", "tanh"),
        usage("cnn with two dense widths", "--model cnn has one dense layer: give --hidden one"
            + " width, got [64, 32] (see 'chainrule fashion-mnist --help')", "fashion-mnist",
            "--model", "cnn", "--hidden", "64,32"),
        usage("unknown model", "Invalid value for option '--model': expected one of [mlp, cnn]"
            + " (case-sensitive) but was 'rnn' (see 'chainrule fashion-mnist --help')",
            "fashion-mnist", "--model", "rnn"),
        usage("inject without localize", "--inject needs --localize" + gradcheckHelp,
            "gradcheck", "--inject", "tanh"),
        usage("mutation without inject", "--mutation needs --inject" + gradcheckHelp,
            "gradcheck", "--localize", "--mutation", "sign"),
        usage("cases with localize", "--cases sets the op table's check, which --localize does"
            + " not run" + gradcheckHelp, "gradcheck", "--localize", "--cases", "3"),
        usage("localize without networks", "--localize needs at least one network, got"
            + " --networks 0" + gradcheckHelp, "gradcheck", "--localize", "--networks", "0"),
        usage("unknown mutation", "--mutation must be sign, factor or transpose, got 'flip'"
            + gradcheckHelp, "gradcheck", "--localize", "--inject", "tanh", "--mutation", "flip"),
        usage("inject an unknown op", "--inject: no op is named 'tanhh'; the networks use"
            + " add, clamp, div, erfc, exp, linear, log, logSoftmax, mul, pow, relu, sigmoid,"
            + " softmax, softmaxCrossEntropy, softplus, squaredError, sum, tanh, where"
            + gradcheckHelp, "gradcheck", "--localize", "--inject", "tanhh"),
        usage("inject a composite", "--inject: 'sub' is made of other ops and has no rule of its"
            + " own; the networks use add, clamp, div, erfc, exp, linear, log, logSoftmax, mul,"
            + " pow, relu, sigmoid, softmax, softmaxCrossEntropy, softplus, squaredError, sum,"
            + " tanh, where"
            + gradcheckHelp, "gradcheck", "--localize", "--inject",
            "sub"),
        usage("inject an op no network uses", "--inject: none of the 2 random networks uses"
            + " 'sqrt'; the networks use clamp, div, erfc, linear, log, logSoftmax, mul, softmax,"
            + " sum, tanh, where" + gradcheckHelp, "gradcheck", "--localize",
            "--inject", "sqrt", "--networks", "2"),
        usage("graph batch", "--batch-size must be positive, got 0 (see 'chainrule graph"
            + " --help')", "graph", "--batch-size", "0"),
        usage("graph batch beyond the data", "--batch-size must be at most 111 (the Iris"
            + " training rows the batch is taken from), got 112 (see 'chainrule graph --help')",
            "graph", "--batch-size", "112"),
        usage("gates epochs", "--max-epochs must be positive, got 0 (see 'chainrule gates"
            + " --help')", "gates", "--max-epochs", "0"),
        usage("fashion limit", "--limit must be positive, got 0 (see 'chainrule fashion-mnist"
            + " --help')", "fashion-mnist", "--limit", "0"),
        usage("a model for another command", "xor.safetensors holds a model for 'xor', not for"
            + " 'iris'" + irisHelp, "iris", "--load", xor),
        usage("hidden contradicts the file", "--hidden 8 contradicts iris.safetensors, whose"
            + " network is 4-4-3" + irisHelp, "iris", "--load", iris, "--hidden", "8"),
        usage("activation contradicts the file", "--activation relu contradicts iris.safetensors,"
            + " whose hidden layers use tanh" + irisHelp, "iris", "--load", iris, "--activation",
            "relu"),
        usage("seed contradicts the split", "--seed 7 contradicts iris.safetensors, whose test"
            + " rows were split with seed 42 (another split would test on training rows)"
            + irisHelp, "iris", "--load", iris, "--seed", "7"),
        usage("task contradicts the file", "--task regression contradicts pets.safetensors, whose"
            + " model does classification" + trainHelp, "train", "--csv", pets, "--load",
            petsModel, "--task", "regression"),
        usage("label contradicts the file", "--label a contradicts pets.safetensors, whose label"
            + " is y" + trainHelp, "train", "--csv", pets, "--load", petsModel, "--label", "a"),

        // Failures of the work: exit 1.
        fails("missing csv", "--csv {dir}/nope.csv: no such file", "train", "--csv", "@nope.csv",
            "--label", "y"),
        fails("csv is a folder", "--csv {dir} is a folder, not a file", "train", "--csv", "{dir}",
            "--label", "y"),
        withFile(fails("out is a file", "--out {dir}/taken is a file, not a folder", "iris",
            "--out", "@taken"), "taken", "x"),
        withFile(fails("out below a file", "--out {dir}/taken/pictures: {dir}/taken is a file,"
            + " not a folder", "iris", "--out", "@taken/pictures"), "taken", "x"),
        fails("save into a missing folder", "--save {dir}/none/m.safetensors: the folder"
            + " {dir}/none does not exist", "iris", "--save", "@none/m.safetensors"),
        fails("save onto a folder", "--save {dir} is a folder; give a file name, such as"
            + " {dir}/model.safetensors", "iris", "--save", "{dir}"),
        withFile(fails("save below a file", "--save {dir}/taken/m.safetensors: {dir}/taken is a"
            + " file, not a folder", "iris", "--save", "@taken/m.safetensors"), "taken", "x"),
        // A device or a FIFO is no model file: saving over it would replace it (exit 0).
        fails("save onto a device", "--save /dev/null is not a regular file (a device, a FIFO or"
            + " a socket); give the path of a file to create or replace", "xor", "--save",
            "/dev/null"),
        fails("predictions onto a device", "--output /dev/null is not a regular file (a device,"
            + " a FIFO or a socket); give the path of a file to create or replace", "predict",
            "--load", petsModel, "--csv", pets, "--output", "/dev/null"),
        // An output over an input would replace the data with the model (or the model with
        // predictions) after the run, exit 0.
        withFile(fails("save over the data", "--save {dir}/data.csv is the file --csv reads;"
            + " writing it would replace that input: give another path", "train", "--csv",
            "@data.csv", "--label", "y", "--save", "@data.csv"), "data.csv",
            csv(alternating(40))),
        fails("predictions over the model", "--output " + petsModel.substring(1) + " is the file"
            + " --load reads; writing it would replace that input: give another path", "predict",
            "--load", petsModel, "--csv", pets, "--output", petsModel),
        usage("no epochs and nothing loaded", "--epochs 0 needs --load: it evaluates a saved"
            + " model, and a new one is untrained" + irisHelp, "iris", "--epochs", "0"),
        usage("no epochs of xor", "--epochs 0 needs --load: it evaluates a saved model, and a new"
            + " one is untrained (see 'chainrule xor --help')", "xor", "--epochs", "0"),
        usage("no epochs but a save", "--epochs 0 needs --load: it evaluates a saved model, and a"
            + " new one is untrained" + trainHelp, "train", "--csv", pets, "--label", "y",
            "--epochs=0", "--save", "@untrained.safetensors"),
        fails("missing model", "--load {dir}/none.safetensors: no such file", "iris", "--load",
            "@none.safetensors"),
        withFile(fails("garbage model", "{dir}/garbage.safetensors: file shorter than the 8-byte"
            + " header length: it has 3 bytes", "iris", "--load", "@garbage.safetensors"),
            "garbage.safetensors", "abc"),
        fails("model without a description", "plain.safetensors: no model description: the file"
            + " has no \"chainrule.model\" metadata (it was written by another tool or an older"
            + " chainrule); build the model in code and use ModelCheckpoint.load", "iris",
            "--load", plain),
        withFile(fails("not a number", "data.csv: line 3, column 2 (b): \"oops\" is not a number",
            "train", "--csv", "@data.csv", "--label", "y"), "data.csv", "a,b,y\n1,2,x\n3,oops,y\n"),
        withFile(fails("empty cell", "data.csv: line 3, column 1 (a): empty cell; --missing drop"
            + " leaves such rows out", "train", "--csv", "@data.csv", "--label", "y"), "data.csv",
            "a,b,y\n1,2,x\n,4,y\n"),
        withFile(fails("NaN in a test row", "data.csv: line 5, column 2 (b): \"NaN\" marks a"
            + " missing value; --missing drop leaves such rows out", "train", "--csv", "@data.csv",
            "--label", "y"), "data.csv", csv(alternating(40)).replace("3,6,dog", "3,NaN,dog")),
        withFile(fails("infinity", "data.csv: line 2, column 1 (a): \"inf\" is not a finite"
            + " number; --missing drop leaves such rows out", "train", "--csv", "@data.csv",
            "--label", "y"), "data.csv", "a,b,y\ninf,2,x\n"),
        withFile(fails("binary file", "data.csv: line 1: control character 0x00 at position 2:"
            + " not text; is this a binary file?", "train", "--csv", "@data.csv", "--label", "y"),
            "data.csv", "P\u0000K\u0003"),
        withFile(fails("one class", "data.csv: the label \"y\" has one class (\"cat\") in all 3"
            + " rows: there is nothing to tell apart", "train", "--csv", "@data.csv", "--label",
            "y"), "data.csv", csv("cat", "cat", "cat")),
        withFile(fails("features that never vary", "data.csv: no feature varies: each of the 2"
            + " features (a, b) has the same value in all 40 rows: there is nothing to learn from",
            "train", "--csv", "@data.csv", "--label", "y"), "data.csv",
            "a,b,y\n" + "7,7,cat\n7,7,dog\n".repeat(20)),
        withFile(fails("continuous label", "data.csv: the label \"y\" looks continuous: 30"
            + " different numbers in 30 rows (such as 0.5); classes need several rows each; to"
            + " predict a number, use --task regression", "train", "--csv", "@data.csv",
            "--label", "y"), "data.csv", csv(IntStream.range(0, 30)
                .mapToObj(i -> (Object) (i + 0.5)).toArray())),
        withFile(fails("too few rows", "data.csv: 2 rows are too few for a test fraction of 0.2:"
            + " at least 3 are needed for a test row and 2 training rows", "train", "--csv",
            "@data.csv", "--label", "y"), "data.csv", csv("cat", "dog")),
        withFile(fails("no feature columns", "data.csv: no feature columns: only the label \"y\""
            + " is left to read", "train", "--csv", "@data.csv", "--label", "y", "--drop", "a,b"),
            "data.csv", csv(alternating(10))),
        fails("unknown feature column", "pets.csv: line 1: no column named \"c\" in the header"
            + " (a, b, y)", "train", "--csv", pets, "--label", "y", "--features", "a,c"),
        fails("the label as a feature", "pets.csv: line 1: \"y\" is the label column; it cannot"
            + " also be a feature", "train", "--csv", pets, "--label", "y", "--features", "a,y"),
        // Refused as the file is read; it used to train, then exit 0 (or fail at --save).
        withFile(fails("a repeated column name", "data.csv: line 1: the header names \"a\" more"
            + " than once (columns 1, 3): features and the label are found by their names, so"
            + " each needs a name of its own", "train", "--csv", "@data.csv", "--label", "y"),
            "data.csv", "a,b,a,y\n" + "1,2,3,cat\n4,5,7,dog\n".repeat(20)),
        withFile(fails("a class the model does not know", "data.csv: line 3, column 3 (y):"
            + " \"emu\" is not one of the classes [cat, dog]", "predict", "--load", petsModel,
            "--csv", "@data.csv"), "data.csv", "a,b,y\n1,2,cat\n3,4,emu\n"),
        withFile(fails("predicting without the model's columns", "data.csv: line 1: no column"
            + " named \"x1\" in the header (a, b)", "predict", "--load", xor, "--csv",
            "@data.csv"), "data.csv", "a,b\n1,2\n"),
        withFile(fails("nothing to predict", "data.csv: no rows to predict: the file has a"
            + " header and no data rows", "predict", "--load", petsModel, "--csv", "@data.csv"),
            "data.csv", "a,b\n\n"),
        withFile(fails("nothing left to predict", "data.csv: no rows to predict: --missing drop"
            + " left out all 2 rows", "predict", "--load", petsModel, "--csv", "@data.csv",
            "--missing", "drop"), "data.csv", "a,b\n1,NA\n,2\n"),
        fails("a diverging run", "training diverged at epoch 1, batch 2 of 7: the loss per"
            + " sample (4.37e+09) is more than 1e+06 times the untrained model's (1.02); try a"
            + " smaller learning rate than --lr 1e9", "iris", "--lr", "1e9"),
        fails("a run saturated at its loss's clamp", "training diverged at epoch 2, batch 1 of"
            + " 1: the epoch's mean loss per sample (50.0) is more than 10 times the untrained"
            + " model's (0.700): the outputs saturated or swing too far to learn; try a smaller"
            + " learning rate than --lr 1e9", "xor", "--lr", "1e9"),
        fails("a step that overflows", "training diverged at epoch 1, batch 1 of 7: parameter"
            + " 0.weight is no longer finite after the optimizer's step (its gradient was not"
            + " finite, or the step overflowed); try a smaller learning rate than --lr 1e308",
            "iris", "--lr", "1e308"),
        fails("anomaly detection names the op", "anomaly in the forward pass: 'linear' produced"
            + " NaN: output [16, 4] no finite values, 44 NaN, 20 infinite; input 0: [16, 4] in"
            + " [-1.565, 2.420]; input 1: [4, 4] no finite values, 16 infinite; input 2: [4] no"
            + " finite values, 4 infinite (the non-finite values came in: 'linear' passed them on;"
            + " look at where its inputs came from)", "iris", "--lr", "1e308", "--detect-anomaly"),
        fails("fashion data not installed", "fashion-mnist: no train-images-idx3-ubyte[.gz] in"
            + " {dir}; install the data with 'apt-get install dataset-fashion-mnist' or pass"
            + " --data DIR", "fashion-mnist", "--data", "{dir}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedWithOneLine(Case c) throws IOException {
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
    if (!List.of("a diverging run", "a run saturated at its loss's clamp", "a step that overflows",
        "anomaly detection names the op", "nothing left to predict")
        .contains(c.name())) {
      assertEquals("", r.out(), "refused before any work");
    }
  }

  /** Arguments with {dir} and @file resolved against {@code dir}; absolute @files stay. */
  private static List<String> resolve(List<String> args, Path dir) {
    return args.stream().map(a -> a.startsWith("@") ? dir.resolve(a.substring(1)).toString()
        : a.replace("{dir}", dir.toString())).toList();
  }
}
