package dev.chainrule.examples;

import static dev.chainrule.examples.RefusedInputs.usage;

import dev.chainrule.examples.RefusedInputs.Case;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Option values the program refuses as usage errors (exit 2), before any work: unknown commands
 * and options, numbers out of range, options that contradict each other. The table's rows are
 * described in {@link RefusedInputs}.
 */
class BadOptionsTest {
  @TempDir
  static Path shared;

  @BeforeAll
  static void files() throws IOException {
    RefusedInputs.writePets(shared);
  }

  static Stream<Case> cases() {
    String pets = "@" + shared.resolve("pets.csv");
    String irisHelp = " (see 'chainrule iris --help')";
    String trainHelp = " (see 'chainrule train --help')";
    String gradcheckHelp = " (see 'chainrule gradcheck --help')";
    String benchHelp = " (see 'chainrule bench --help')";
    return Stream.of(
        // Usage errors: exit 2.
        usage("unknown command", "unknown command 'frobnicate'; the commands are digits, xor,"
            + " gates, blobs, iris, fashion-mnist, train, predict, gradcheck, graph, inspect,"
            + " bench (see 'chainrule --help')", "frobnicate"),
        usage("misspelt command", "unknown command 'iriss' (did you mean iris?); the commands are"
            + " digits, xor, gates, blobs, iris, fashion-mnist, train, predict, gradcheck, graph,"
            + " inspect, bench (see 'chainrule --help')", "iriss", "--epochs", "3"),
        usage("unknown option", "unknown option '--colour' for iris" + irisHelp, "iris",
            "--colour"),
        // Its value is no second unknown option; a name within a longer one is offered.
        usage("option of another name", "unknown option '--epochs' for gates (did you mean"
            + " --max-epochs?) (see 'chainrule gates --help')", "gates", "--epochs", "3"),
        usage("option of other commands", "unknown option '--csv' for iris: --csv is an option"
            + " of train and predict" + irisHelp, "iris", "--csv", "x.csv"),
        // Before any command: digits runs, but the user typed no command to look up, and the
        // close options are the program's own (--verbose is digits', not the program's).
        usage("option before any command", "unknown option '--versoin' (did you mean"
            + " --version?) (see 'chainrule --help')", "--versoin"),
        // ...and the default command's, which work there too, for a slip of one of them.
        usage("default command's option before any command", "unknown option '--epoch' (did you"
            + " mean --epochs?) (see 'chainrule --help')", "--epoch", "5"),
        // After a command, that command's options: digits has --verbose as well as --version.
        usage("option of the command typed", "unknown option '--versoin' for digits (did you mean"
            + " --verbose or --version?) (see 'chainrule digits --help')", "digits", "--versoin"),
        usage("help of an unknown command", "unknown command 'nope'; the commands are digits,"
            + " xor, gates, blobs, iris, fashion-mnist, train, predict, gradcheck, graph,"
            + " inspect, bench (see 'chainrule --help')", "help", "nope"),
        usage("misspelt option", "unknown option '--epoch' for train (did you mean --epochs?)"
            + trainHelp, "train", "--csv", pets, "--label", "y", "--epoch", "5"),
        // Picocli checks for missing options first: "--csv is missing" to a user who typed it.
        usage("misspelt required option", "unknown option '--cvs' for train (did you mean"
            + " --csv?)" + trainHelp, "train", "--cvs", "pets.csv", "--label", "y"),
        usage("misspelt option and a missing one", "unknown option '--epoch' for train (did you"
            + " mean --epochs?)" + trainHelp, "train", "--epoch", "5"),
        // --lr under the name other tools spell out, which no spelling of --lr is close to.
        usage("spelled-out option", "unknown option '--learnig-rate' for xor (did you mean"
            + " --lr?) (see 'chainrule xor --help')", "xor", "--learnig-rate", "0.1"),
        // picocli's words were "Unmatched argument at index 1: 'extra'".
        usage("a word after a command that takes none", "xor takes no arguments; 'extra' is not"
            + " an option of xor (see 'chainrule xor --help')", "xor", "extra"),
        usage("words after a command that takes none", "train takes no arguments; 'a', 'b' are"
            + " not options of train" + trainHelp, "train", "--csv", pets, "--label", "y", "a",
            "b"),
        usage("an option without its dashes", "iris takes no arguments; 'json' is not an option"
            + " of iris (did you mean --json?)" + irisHelp, "iris", "json"),
        usage("a word among options before any command", "'extra' is not an option; a command"
            + " comes first: chainrule COMMAND [OPTIONS] (see 'chainrule --help')", "--epochs",
            "1", "extra"),
        // A command after an option: the option is misplaced, not the command (the words were
        // "'iris' is not an option; a command comes first").
        usage("a command after an option", "put the command first: chainrule iris --json"
            + " (see 'chainrule --help')", "--json", "iris"),
        usage("a command after an option and its value", "put the command first: chainrule xor"
            + " --epochs 3 (see 'chainrule --help')", "--epochs", "3", "xor"),
        // The command word also an earlier option's value: the one moved is the one picocli
        // left unmatched, not the first spelled alike, which would leave --json taking "xor".
        usage("a command that is also an earlier option's value", "put the command first:"
            + " chainrule xor --out xor --json (see 'chainrule --help')", "--out", "xor",
            "--json", "xor"),
        usage("a second file", "inspect takes one FILE; 'b.safetensors' is one argument too many"
            + " (see 'chainrule inspect --help')", "inspect", "a.safetensors", "b.safetensors"),
        // picocli's words were "Missing required parameter: 'FILE'".
        usage("no file to inspect", "inspect needs a FILE: a .safetensors file (see 'chainrule"
            + " inspect --help')", "inspect"),
        usage("missing options", "Missing required option: '--csv=FILE'" + trainHelp, "train"),
        usage("missing label", "Missing required option: '--label=COLUMN'" + trainHelp, "train",
            "--csv", pets),
        usage("not a whole number", "Invalid value for option '--epochs': 'many' is not a whole"
            + " number" + irisHelp, "iris", "--epochs", "many"),
        usage("whole number out of range", "Invalid value for option '--seed':"
            + " '99999999999999999999' is out of range (at most 9223372036854775807)" + irisHelp,
            "iris", "--seed", "99999999999999999999"),
        usage("whole number below the range", "Invalid value for option '--epochs':"
            + " '-99999999999' is out of range (at least -2147483648)" + irisHelp, "iris",
            "--epochs", "-99999999999"),
        usage("number below float64's", "Invalid value for option '--lr': '1e-400' is too small:"
            + " it rounds to 0 (the smallest positive number is 4.9E-324)" + irisHelp, "iris",
            "--lr", "1e-400"),
        usage("nan in lower case", "Invalid value for option '--lr': 'nan' is not a finite number"
            + irisHelp, "iris", "--lr", "nan"),
        usage("NaN as Java spells it", "Invalid value for option '--lr': 'NaN' is not a finite"
            + " number" + irisHelp, "iris", "--lr", "NaN"),
        usage("number beyond float64", "Invalid value for option '--lr': '1e999' is too large"
            + irisHelp, "iris", "--lr", "1e999"),
        usage("negative rate", "--lr must be positive, got -0.1" + irisHelp, "iris", "--lr",
            "-0.1"),
        // Echoed as typed, not as Java prints a double ("-1.0").
        usage("whole negative rate", "--lr must be positive, got -1" + irisHelp, "iris", "--lr",
            "-1"),
        // The option named, as every other refusal names its option.
        usage("unknown dtype", "--dtype: unknown type 'float16' (expected float32 or float64)"
            + irisHelp, "iris", "--dtype", "float16"),
        usage("negative epochs", "--epochs must not be negative, got -1" + irisHelp, "iris",
            "--epochs", "-1"),
        usage("zero batch", "--batch-size must be positive, got 0" + irisHelp, "iris",
            "--batch-size", "0"),
        usage("zero width", "--hidden widths must be positive, got 4,0" + irisHelp, "iris",
            "--hidden", "4,0"),
        // The split dropped empty widths at the end: "8," ran an 8-unit layer, unsaid.
        usage("trailing empty width", "--hidden '8,' has an empty width: give the widths"
            + " separated by commas, e.g. 64,32" + irisHelp, "iris", "--hidden", "8,"),
        usage("only a comma", "--hidden ',' has an empty width: give the widths separated by"
            + " commas, e.g. 64,32" + irisHelp, "iris", "--hidden", ","),
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
        usage("a feature named twice", "--features names the column \"a\" twice" + trainHelp,
            "train", "--csv", pets, "--label", "y", "--features", "a,a"),
        usage("a column dropped twice", "--drop names the column \"b\" twice" + trainHelp,
            "train", "--csv", pets, "--label", "y", "--drop", "b,b"),
        usage("an empty label", "--label must name a column (or give its position), got an empty"
            + " name" + trainHelp, "train", "--csv", pets, "--label", ""),
        usage("every feature dropped", "pets.csv: no feature columns: only the label \"y\" is"
            + " left to read" + trainHelp, "train", "--csv", pets, "--label", "y", "--drop",
            "a,b"),
        usage("too few points", "--points must be at least 4, got 1 (see 'chainrule blobs"
            + " --help')", "blobs", "--points", "1"),
        usage("more points than an array holds", "--points must be at most 357913940 (three"
            + " clusters of points of 2 coordinates fill one array of at most 2147483645"
            + " values), got 800000000 (see 'chainrule blobs --help')", "blobs", "--points",
            "800000000"),
        usage("no cases", "--cases must be positive, got 0 (see 'chainrule gradcheck --help')",
            "gradcheck", "--cases", "0"),
        // Without networks the audit reported a delta-rule comparison that never ran as passed.
        // Taken and without effect: --data validated and never read, --json silent.
        usage("bench quick with data", "--quick and --data: --quick runs the MLP on random data"
            + " and never reads the --data folder; give one of them" + benchHelp, "bench",
            "--quick", "--data", "somewhere"),
        usage("bench server with json", "--serve-epochs and --json: --serve-epochs prints no"
            + " figures, and answers every line in JSON already; give one of them" + benchHelp,
            "bench", "--serve-epochs", "--json"),
        usage("no networks", "--networks must be positive, got 0" + gradcheckHelp,
            "gradcheck", "--cases", "1", "--networks", "0", "--json"),
        usage("negative networks", "--networks must be positive, got -3" + gradcheckHelp,
            "gradcheck", "--networks", "-3"),
        usage("cnn with an activation", "--activation applies to --model mlp; the CNN uses ReLU"
            + " (see 'chainrule fashion-mnist --help')", "fashion-mnist", "--model", "cnn",
            "--activation", "tanh"),
        usage("cnn with two dense widths", "--model cnn has one dense layer: give --hidden one"
            + " width, got [64, 32] (see 'chainrule fashion-mnist --help')", "fashion-mnist",
            "--model", "cnn", "--hidden", "64,32"),
        usage("unknown model", "Invalid value for option '--model': unknown model 'rnn'"
            + " (choose mlp or cnn) (see 'chainrule fashion-mnist --help')",
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
        // A product's mistake given to an elementwise op ran, and reported "rule 0.00000".
        usage("transpose of no product", "--mutation transpose is the mistake of a product's"
            + " rule (linear and matmul); 'log' is not a product: give --mutation sign or factor"
            + gradcheckHelp, "gradcheck", "--localize", "--inject", "log", "--mutation",
            "transpose"),
        usage("inject an unknown op", "--inject: no op is named 'tanhh'; the networks use"
            + " add, clamp, div, elu, gelu, geluTanh, leakyRelu, linear, log, logSoftmax, mul,"
            + " relu, sigmoid, softmax, softmaxCrossEntropy, softplus, squaredError, sum, tanh,"
            + " where"
            + gradcheckHelp, "gradcheck", "--localize", "--inject", "tanhh"),
        usage("inject a composite", "--inject: 'sub' is made of other ops and has no rule of its"
            + " own; the networks use add, clamp, div, elu, gelu, geluTanh, leakyRelu, linear,"
            + " log, logSoftmax, mul, relu, sigmoid, softmax, softmaxCrossEntropy, softplus,"
            + " squaredError, sum, tanh, where"
            + gradcheckHelp, "gradcheck", "--localize", "--inject",
            "sub"),
        usage("inject an op no network uses", "--inject: none of the 2 random networks uses"
            + " 'sqrt'; the networks use clamp, div, gelu, leakyRelu, linear, log, logSoftmax,"
            + " mul, softmax, sum, tanh, where" + gradcheckHelp, "gradcheck", "--localize",
            "--inject", "sqrt", "--networks", "2"),
        usage("graph batch", "--batch-size must be positive, got 0 (see 'chainrule graph"
            + " --help')", "graph", "--batch-size", "0"),
        usage("graph batch beyond the data", "--batch-size must be at most 111 (the Iris"
            + " training rows the batch is taken from), got 112 (see 'chainrule graph --help')",
            "graph", "--batch-size", "112"),
        usage("gates epochs", "--max-epochs must be positive, got 0 (see 'chainrule gates"
            + " --help')", "gates", "--max-epochs", "0"),
        // 2^31 epochs ran for hours, keeping a count per epoch, to end out of memory.
        usage("gates epochs beyond use", "--max-epochs must be at most 100,000, got 2,147,483,647:"
            + " from θ = 0 the rule learns AND, OR, NAND and NOR in 6 epochs at most, whatever"
            + " --lr, and never XOR, whose weights repeat (see 'chainrule gates --help')",
            "gates", "--max-epochs", "2147483647"),
        usage("fashion limit", "--limit must be positive, got 0 (see 'chainrule fashion-mnist"
            + " --help')", "fashion-mnist", "--limit", "0"),
        usage("patience without validation", "--patience needs --validation FRACTION: the epoch"
            + " to stop at is chosen on held-out training rows, as choosing it on the test rows"
            + " would flatter the test score" + irisHelp, "iris", "--patience", "3"),
        usage("validation of every row", "--validation must be at least 0 and below 1, got 1.0"
            + irisHelp, "iris", "--validation", "1"),
        usage("negative patience", "--patience must not be negative, got -1" + irisHelp, "iris",
            "--validation", "0.2", "--patience", "-1"),
        usage("validation without epochs", "--validation and --patience choose the epoch to"
            + " keep; --epochs 0 trains none" + irisHelp, "iris", "--epochs", "0", "--load",
            "@untrained.safetensors", "--validation", "0.2"),
        usage("hidden twice", "option '--hidden' (WIDTHS) should be specified only once: give"
            + " all the widths in one, e.g. --hidden 64,32" + irisHelp, "iris", "--hidden", "4",
            "--hidden", "5"),
        usage("training settings without epochs", "--lr, --batch-size set training; --epochs 0"
            + " trains nothing, it evaluates --load's model" + irisHelp, "iris", "--epochs", "0",
            "--load", "@untrained.safetensors", "--batch-size", "3", "--lr", "5"),
        // It was taken and did nothing: the passes it checks are training's.
        usage("anomaly detection without epochs", "--detect-anomaly sets training; --epochs 0"
            + " trains nothing, it evaluates --load's model" + irisHelp, "iris", "--epochs", "0",
            "--load", "@untrained.safetensors", "--detect-anomaly"),
        usage("validation of xor", "--validation and --patience: xor trains and scores the same"
            + " four points, and has no rows to hold out (see 'chainrule xor --help')", "xor",
            "--validation", "0.5"),
        // Not "--patience needs --validation": xor refuses both, and its help shows neither.
        usage("patience of xor", "--validation and --patience: xor trains and scores the same"
            + " four points, and has no rows to hold out (see 'chainrule xor --help')", "xor",
            "--patience", "3"),
        usage("no epochs and nothing loaded", "--epochs 0 needs --load: it evaluates a saved"
            + " model, and a new one is untrained" + irisHelp, "iris", "--epochs", "0"),
        usage("no epochs of xor", "--epochs 0 needs --load: it evaluates a saved model, and a new"
            + " one is untrained (see 'chainrule xor --help')", "xor", "--epochs", "0"),
        usage("no epochs but a save", "--epochs 0 needs --load: it evaluates a saved model, and a"
            + " new one is untrained" + trainHelp, "train", "--csv", pets, "--label", "y",
            "--epochs=0", "--save", "@untrained.safetensors"),
        usage("a save named as a chart", "--save {dir}/loss.png is named as a picture (.png), as"
            + " the run's charts are: a chart could replace the model; give a name such as"
            + " model.safetensors" + irisHelp, "iris", "--save", "@loss.png"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedWithOneLine(Case c) throws IOException {
    RefusedInputs.assertRefused(c, shared);
  }
}
