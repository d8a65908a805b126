package dev.chainrule.examples;

import static dev.chainrule.examples.RefusedInputs.afterWork;
import static dev.chainrule.examples.RefusedInputs.alternating;
import static dev.chainrule.examples.RefusedInputs.csv;
import static dev.chainrule.examples.RefusedInputs.fails;
import static dev.chainrule.examples.RefusedInputs.usage;
import static dev.chainrule.examples.RefusedInputs.withFile;

import dev.chainrule.examples.RefusedInputs.Case;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CSV data the program refuses (cells that are no numbers, missing values, binary files, labels
 * or features with nothing to learn, columns that cannot be found), and training runs that fail
 * once begun (divergence, an anomaly). The table's rows are described in {@link RefusedInputs}.
 */
class BadDataAndRunsTest {
  @TempDir
  static Path shared;

  @BeforeAll
  static void files() throws IOException {
    RefusedInputs.writePets(shared);
  }

  static Stream<Case> cases() {
    String pets = "@" + shared.resolve("pets.csv");
    return Stream.of(
        // Data the program cannot read or learn from (exit 1).
        // Text where a feature needs a number names the way out: a CSV of one's own has a column
        // of names or ids more often than not, and every column but the label is a feature.
        withFile(fails("not a number", "data.csv: line 3, column 2 (b): \"oops\" is not a number;"
            + " if the column holds text (names, ids), leave it out with --drop b", "train",
            "--csv", "@data.csv", "--label", "y"), "data.csv", "a,b,y\n1,2,x\n3,oops,y\n"),
        withFile(fails("a column of names", "data.csv: line 2, column 3 (pet name): \"rex\" is not"
            + " a number; if the column holds text (names, ids), leave it out with --drop"
            + " \"id,pet name\"", "train", "--csv", "@data.csv", "--label", "y", "--drop", "id"),
            "data.csv", "id,a,pet name,y\n1,2,rex,x\n"),
        withFile(fails("text among the features chosen", "data.csv: line 2, column 3 (n): \"rex\""
            + " is not a number; if the column holds text (names, ids), leave it out of"
            + " --features", "train", "--csv", "@data.csv", "--label", "y", "--features", "a,n"),
            "data.csv", "id,a,n,y\n1,2,rex,x\n"),
        withFile(fails("classes as a regression's label", "data.csv: line 2, column 2 (y):"
            + " \"cat\" is not a number; a regression's label is a number: if the labels are"
            + " classes, leave out --task regression", "train", "--csv", "@data.csv", "--label",
            "y", "--task", "regression"), "data.csv", "a,y\n1,cat\n"),
        withFile(fails("empty cell", "data.csv: line 3, column 1 (a): empty cell; --missing drop"
            + " leaves such rows out", "train", "--csv", "@data.csv", "--label", "y"), "data.csv",
            "a,b,y\n1,2,x\n,4,y\n"),
        withFile(fails("NaN in a test row", "data.csv: line 5, column 2 (b): \"NaN\" marks a"
            + " missing value; --missing drop leaves such rows out", "train", "--csv", "@data.csv",
            "--label", "y"), "data.csv", csv(alternating(40)).replace("3,6,dog", "3,NaN,dog")),
        withFile(fails("infinity", "data.csv: line 2, column 1 (a): \"inf\" is not a finite"
            + " number; --missing drop leaves such rows out", "train", "--csv", "@data.csv",
            "--label", "y"), "data.csv", "a,b,y\ninf,2,x\n"),
        // A number float64 reads: --dtype float64 is the first way out.
        withFile(fails("a number beyond float32", "data.csv: line 2, column 1 (a): \"1e39\" is"
            + " not a finite number in float32 (largest 3.4028235E38); --dtype float64 reads it,"
            + " and --missing drop leaves such rows out", "train", "--csv", "@data.csv",
            "--label", "y", "--dtype", "float32"), "data.csv", "a,b,y\n1e39,2,x\n"),
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
        // Classes are split one by one: 3 rows would not do either (classes of 2 and 1).
        withFile(fails("too few rows", "data.csv: 2 rows are too few for a test fraction of 0.2:"
            + " each class holds out its own share, and none is large enough to give a test row"
            + " (a class needs 3 rows)", "train", "--csv",
            "@data.csv", "--label", "y"), "data.csv", csv("cat", "dog")),
        // Values too large to standardise: the file's line, not a sample of the training part.
        withFile(fails("a feature whose sum overflows", "data.csv: line 5, column \"a\": 1e308 is"
            + " too large to standardise the column: the sum of its values overflows float64"
            + " (whose largest number is 1.8e308); rescale the column, e.g. to other units",
            "train", "--csv", "@data.csv", "--label", "y"), "data.csv", csv(alternating(40))
                .replace("3,6,dog", "1e308,6,dog").replace("4,8,cat", "1e308,8,cat")),
        withFile(fails("a feature far from its mean", "data.csv: line 4, column \"a\": 1.7e308"
            + " is too large to standardise the column: the distances of its values from their"
            + " mean overflow float64 (whose largest number is 1.8e308); rescale the column, e.g."
            + " to other units", "train", "--csv", "@data.csv", "--label", "y"), "data.csv",
            csv(alternating(10)).replace("2,4,cat", "1.7e308,4,cat")
                .replace("3,6,dog", "-1.7e308,6,dog").replace("4,8,cat", "-1.7e308,8,cat")),
        withFile(fails("a regression target whose sum overflows", "data.csv: line 3, column"
            + " \"b\": -1e308 is too large to standardise the column: the sum of its values"
            + " overflows float64 (whose largest number is 1.8e308); rescale the column, e.g. to"
            + " other units", "train", "--csv", "@data.csv", "--label", "b", "--task",
            "regression", "--drop", "y"), "data.csv", csv(alternating(40))
                .replace("1,2,dog", "1,-1e308,dog").replace("5,10,dog", "5,-1e308,dog")),
        // A file of the label alone is the file's fault (--drop that leaves none, the option's).
        withFile(fails("no feature columns", "data.csv: no feature columns: only the label \"y\""
            + " is left to read", "train", "--csv", "@data.csv", "--label", "y"), "data.csv",
            "y\ncat\ndog\ncat\ndog\n"),
        // Columns the command line chose that the file does not have: the options to correct.
        usage("unknown feature column", "pets.csv: line 1: no column named \"c\" in the header"
            + " (a, b, y) (see 'chainrule train --help')", "train", "--csv", pets, "--label", "y",
            "--features", "a,c"),
        usage("unknown label column", "pets.csv: line 1: no column named \"kind\" in the header"
            + " (a, b, y) (see 'chainrule train --help')", "train", "--csv", pets, "--label",
            "kind"),
        usage("the label as a feature", "pets.csv: line 1: \"y\" is the label column; it cannot"
            + " also be a feature (see 'chainrule train --help')", "train", "--csv", pets,
            "--label", "y", "--features", "a,y"),
        // Refused as the file is read; it used to train, then exit 0 (or fail at --save).
        withFile(fails("a repeated column name", "data.csv: line 1: the header names \"a\" more"
            + " than once (columns 1, 3): features and the label are found by their names, so"
            + " each needs a name of its own", "train", "--csv", "@data.csv", "--label", "y"),
            "data.csv", "a,b,a,y\n" + "1,2,3,cat\n4,5,7,dog\n".repeat(20)),

        // Runs that fail once training has begun (exit 1), after printing their progress.
        fails("validation of no row", "--validation 0.001 holds out no row of the 111 training"
            + " rows (each class holds out its own share); give a larger fraction", "iris",
            "--validation", "0.001"),
        fails("validation of every training row", "--validation 0.99 leaves 0 of the 32 training"
            + " rows to train on, and at least 2 are needed; give a smaller fraction", "train",
            "--csv", pets, "--label", "y", "--validation", "0.99"),
        afterWork(fails("a diverging run", "training diverged at epoch 1, batch 2 of 7: the loss"
            + " per sample (4.37e+09) is more than 1e+06 times the loss of a constant output at"
            + " chance (1.10), which is above the model's at the start of the run (1.02); try"
            + " a smaller learning rate than --lr 1e9", "iris", "--lr", "1e9")),
        afterWork(fails("a run saturated at its loss's clamp", "training diverged at epoch 2,"
            + " batch 1 of 1: the epoch's mean loss per sample (50.0) is more than 10 times the"
            + " model's at the start of the run (0.700): the outputs saturated or swing too far"
            + " to learn; try a"
            + " smaller learning rate than --lr 1e9", "xor", "--lr", "1e9")),
        afterWork(fails("a step that overflows", "training diverged at epoch 1, batch 1 of 7:"
            + " parameter 0.weight is no longer finite after the optimizer's step (its gradient"
            + " was not finite, or the step overflowed; a run with --detect-anomaly names the op"
            + " whose rule made a gradient not finite); try a smaller learning rate"
            + " than --lr 1e308",
            "iris", "--lr", "1e308")),
        // Under anomaly detection too: the next batch's forward pass named the layer that read
        // the infinite weight ("the non-finite values came in"), with no batch or advice.
        afterWork(fails("a step that overflows under anomaly detection", "training diverged at"
            + " epoch 1, batch 1 of 7: parameter 0.weight is no longer finite after the"
            + " optimizer's step (its gradient was not finite, or the step overflowed); try a"
            + " smaller learning rate than --lr 1e308", "iris", "--lr", "1e308",
            "--detect-anomaly")),
        // Weights still finite (7e299) overflow in the next forward pass, which anomaly
        // detection stopped naming the op alone: the place and the advice are kept with it.
        afterWork(fails("a forward pass that overflows under anomaly detection", "training"
            + " diverged at epoch 1, batch 2 of 22: anomaly in the forward pass: 'linear' produced"
            + " an infinity: output [32, 3] no finite values, 96 infinite; input 0: [32, 16] in"
            + " [-1.000, 7.587e+299]; input 1: [3, 16] in [-7.331e+299, 7.751e+299]; input 2: [3]"
            + " in [-1.652e+299, 2.034e+299]; try a smaller learning rate than --lr 1e300",
            "blobs", "--activation", "elu", "--optimizer", "sgd", "--lr", "1e300", "--epochs",
            "3", "--detect-anomaly")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedWithOneLine(Case c) throws IOException {
    RefusedInputs.assertRefused(c, shared);
  }
}
