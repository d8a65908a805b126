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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files the program refuses: paths to read or write that do not fit (missing, a folder, a device,
 * an input the output would replace), saved models that cannot be loaded or that the options
 * contradict, and data a loaded model cannot predict. Three models are saved once for the cases
 * that load one. The table's rows are described in {@link RefusedInputs}.
 */
class BadFilesAndModelsTest {
  @TempDir
  static Path shared;

  @BeforeAll
  static void files() throws IOException {
    RefusedInputs.writePets(shared);
    RefusedInputs.saveModels(shared);
  }

  static Stream<Case> cases() {
    String pets = "@" + shared.resolve("pets.csv");
    String iris = "@" + shared.resolve("iris.safetensors");
    String xor = "@" + shared.resolve("xor.safetensors");
    String petsModel = "@" + shared.resolve("pets.safetensors");
    String plain = "@" + shared.resolve("plain.safetensors");
    String irisHelp = " (see 'chainrule iris --help')";
    String trainHelp = " (see 'chainrule train --help')";
    String predictHelp = " (see 'chainrule predict --help')";
    return Stream.of(
        // Usage errors: options that contradict the saved model (exit 2).
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

        // Failures of the work (exit 1): paths to read and write that the file system refuses;
        // usage errors (exit 2): paths of the wrong kind for their option, which the command
        // line is to correct, as --save over a data file is (below). These were exit 1.
        fails("missing csv", "--csv {dir}/nope.csv: no such file", "train", "--csv", "@nope.csv",
            "--label", "y"),
        usage("csv is a folder", "--csv {dir} is a folder, not a file" + trainHelp, "train",
            "--csv", "{dir}", "--label", "y"),
        // An empty path (an unset shell variable) named the working folder: "--csv  is a folder".
        usage("csv is empty", "--csv is empty: give the path of a file" + trainHelp, "train",
            "--csv", "", "--label", "y"),
        usage("load is empty", "--load is empty: give the path of a file" + predictHelp,
            "predict", "--load", "", "--csv", pets),
        usage("save is empty", "--save is empty: give the path of a file" + irisHelp, "iris",
            "--save", ""),
        // As --csv '': the working folder, where --out '' drew the charts and --data '' looked
        // for "train-images-idx3-ubyte[.gz] in ;".
        usage("out is empty", "--out is empty: give the path of a folder" + irisHelp, "iris",
            "--out", ""),
        usage("data is empty", "fashion-mnist: --data is empty: give the path of a folder"
            + " (see 'chainrule fashion-mnist --help')", "fashion-mnist", "--data", ""),
        withFile(usage("out is a file", "--out {dir}/taken is a file, not a folder" + irisHelp,
            "iris", "--out", "@taken"), "taken", "x"),
        withFile(fails("out below a file", "--out {dir}/taken/pictures: {dir}/taken is a file,"
            + " not a folder", "iris", "--out", "@taken/pictures"), "taken", "x"),
        // A device is not a file: it was called one.
        usage("out is a device", "--out /dev/null is not a folder (a device, a FIFO or a"
            + " socket)" + irisHelp, "iris", "--out", "/dev/null"),
        fails("save below a device", "--save /dev/null/m.st: /dev/null is not a folder (a device,"
            + " a FIFO or a socket)", "iris", "--save", "/dev/null/m.st"),
        fails("save into a missing folder", "--save {dir}/none/m.safetensors: the folder"
            + " {dir}/none does not exist", "iris", "--save", "@none/m.safetensors"),
        // A Path drops the trailing '/': m.safetensors/ wrote the file m.safetensors.
        usage("save ends in a separator", "--save {dir}/m.safetensors/ ends in '/', which names a"
            + " folder, not a file: give the file's name without it" + irisHelp, "iris",
            "--save", "{dir}/m.safetensors/"),
        usage("predictions end in a separator", "--output {dir}/p.csv/ ends in '/', which names"
            + " a folder, not a file: give the file's name without it" + predictHelp, "predict",
            "--load", petsModel, "--csv", pets, "--output", "{dir}/p.csv/"),
        usage("save onto a folder", "--save {dir} is a folder; give a file name, such as"
            + " {dir}/model.safetensors" + irisHelp, "iris", "--save", "{dir}"),
        withFile(fails("save below a file", "--save {dir}/taken/m.safetensors: {dir}/taken is a"
            + " file, not a folder", "iris", "--save", "@taken/m.safetensors"), "taken", "x"),
        // A device or a FIFO is no model file: saving over it would replace it (exit 0).
        usage("save onto a device", "--save /dev/null is not a regular file (a device, a FIFO or"
            + " a socket); give the path of a file to create or replace"
            + " (see 'chainrule xor --help')", "xor", "--save", "/dev/null"),
        usage("predictions onto a device", "--output /dev/null is not a regular file (a device,"
            + " a FIFO or a socket); give the path of a file to create or replace" + predictHelp,
            "predict", "--load", petsModel, "--csv", pets, "--output", "/dev/null"),
        // An output over an input would replace the data with the model (or the model with
        // predictions) after the run, exit 0; --save over any file but a checkpoint is refused
        // before the run (exit 2), over the data it reads or not.
        withFile(usage("save over the data", "--save {dir}/data.csv would replace a file that is"
            + " not a safetensors checkpoint; give the path of a new file, or of a checkpoint to"
            + " replace (remove the file first if it is meant to go)" + trainHelp, "train",
            "--csv", "@data.csv", "--label", "y", "--save", "@data.csv"), "data.csv",
            csv(alternating(40))),
        withFile(usage("save over other data", "--save {dir}/notes.csv would replace a file that"
            + " is not a safetensors checkpoint; give the path of a new file, or of a checkpoint"
            + " to replace (remove the file first if it is meant to go)" + irisHelp, "iris",
            "--save", "@notes.csv"), "notes.csv", "a,b\n1,2\n"),
        usage("predictions over the model", "--output " + petsModel.substring(1) + " is the file"
            + " --load reads; writing it would replace that input: give another path"
            + predictHelp, "predict", "--load", petsModel, "--csv", pets, "--output", petsModel),
        usage("predictions over the data", "--output " + pets.substring(1) + " is the file"
            + " --csv reads; writing it would replace that input: give another path"
            + predictHelp, "predict", "--load", petsModel, "--csv", pets, "--output", pets),
        fails("fashion data not installed", "fashion-mnist: no train-images-idx3-ubyte[.gz] in"
            + " {dir}; install the data with 'apt-get install dataset-fashion-mnist' or pass"
            + " --data DIR", "fashion-mnist", "--data", "{dir}"),
        // bench on random data in place of a --data folder that is not one: a slip hidden.
        fails("bench data folder missing", "bench: --data {dir}/none: no such folder", "bench",
            "--data", "@none"),
        fails("bench data folder without Fashion-MNIST", "bench: --data {dir} holds no"
            + " Fashion-MNIST training files (train-images-idx3-ubyte and train-labels-idx1-ubyte,"
            + " gzipped or not)", "bench", "--data", "{dir}"),
        // A slip in the path is named as such, not as the first file missing from it.
        fails("fashion data folder missing", "fashion-mnist: --data {dir}/none: no such folder;"
            + " install the data with 'apt-get install dataset-fashion-mnist' or pass --data"
            + " DIR", "fashion-mnist", "--data", "@none"),
        withFile(usage("fashion data folder a file", "fashion-mnist: --data {dir}/images.csv is"
            + " a file, not a folder (see 'chainrule fashion-mnist --help')", "fashion-mnist",
            "--data", "@images.csv"), "images.csv", "a,b\n1,2\n"),

        // Saved models that cannot be loaded, and data a loaded model cannot predict.
        fails("missing model", "--load {dir}/none.safetensors: no such file", "iris", "--load",
            "@none.safetensors"),
        withFile(fails("garbage model", "{dir}/garbage.safetensors: file shorter than the 8-byte"
            + " header length: it has 3 bytes", "iris", "--load", "@garbage.safetensors"),
            "garbage.safetensors", "abc"),
        // What the file is comes first: the rule alone sent the reader looking for a header.
        withFile(fails("a CSV file as the model", "{dir}/notamodel.csv: not a safetensors file: it"
            + " begins with the text \"mean_rad\" (header length over the 100 MB limit:"
            + " 7233188230733063533 bytes declared)", "iris", "--load", "@notamodel.csv"),
            "notamodel.csv", "mean_radius,label\n1,0\n"),
        fails("model without a description", "plain.safetensors: no model description: the file"
            + " has no \"chainrule.model\" metadata (it was written by another tool or an older"
            + " chainrule); build the model in code and use ModelCheckpoint.load", "iris",
            "--load", plain),
        // A description that is not JSON was refused in Jackson's words: "Non-standard token
        // 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow".
        fails("model description with a NaN", "nan.safetensors: model description is not valid"
            + " JSON: NaN is not a JSON number (JSON has no NaN or Infinity; a number such as NaN"
            + " is written as a string) (at character 42)", "predict", "--load",
            "@" + shared.resolve("nan.safetensors"), "--csv", pets),
        fails("model description cut short", "cut.safetensors: model description is not valid"
            + " JSON: the text ends in the middle of an object (at character 29)", "predict",
            "--load", "@" + shared.resolve("cut.safetensors"), "--csv", pets),
        fails("model description with a word after it", "word.safetensors: model description is"
            + " not valid JSON: text after the end of the object", "train", "--csv", pets,
            "--label", "y", "--load", "@" + shared.resolve("word.safetensors")),
        withFile(fails("a class the model does not know", "data.csv: line 3, column 3 (y):"
            + " \"emu\" is not one of the classes [cat, dog]; labels are only scored here:"
            + " without the column \"y\" (removed or renamed) the rows are predicted, not"
            + " scored", "predict", "--load", petsModel,
            "--csv", "@data.csv"), "data.csv", "a,b,y\n1,2,cat\n3,4,emu\n"),
        withFile(fails("predicting without the model's columns", "data.csv: line 1: no column"
            + " named \"x1\" in the header (a, b) (a column the model in xor.safetensors was"
            + " trained on)", "predict", "--load", xor, "--csv",
            "@data.csv"), "data.csv", "a,b\n1,2\n"),
        withFile(fails("nothing to predict", "data.csv: no rows to predict: the file has a"
            + " header and no data rows", "predict", "--load", petsModel, "--csv", "@data.csv"),
            "data.csv", "a,b\n\n"),
        afterWork(withFile(fails("nothing left to predict", "data.csv: no rows to predict:"
            + " --missing drop left out all 2 rows", "predict", "--load", petsModel, "--csv",
            "@data.csv", "--missing", "drop"), "data.csv", "a,b\n1,NA\n,2\n")),
        // The same in train: the first statistic of no rows failed in its own words ("argmax:
        // cannot reduce the empty tensor [0, 1]"), naming neither the file nor the cause.
        withFile(fails("nothing to train on", "data.csv: no rows to train on: the file has a"
            + " header and no data rows", "train", "--csv", "@data.csv", "--label", "y"),
            "data.csv", "a,b,y\n"),
        afterWork(withFile(fails("nothing left to train on", "data.csv: no rows to train on:"
            + " --missing drop left out all 2 rows", "train", "--csv", "@data.csv", "--label",
            "y", "--task", "regression", "--missing", "drop"), "data.csv",
            "a,b,y\n1,NA,3\n,2,4\n")),
        // Column b empty in every row: the message named no column to look for.
        afterWork(withFile(fails("a column empty in every row", "data.csv: no rows to train on:"
            + " --missing drop left out all 2 rows; column \"b\" had no value in any of them:"
            + " leave it out (--drop b)", "train", "--csv", "@data.csv", "--label", "y",
            "--missing", "drop"), "data.csv", "a,b,y\n1,,p\n2,NA,q\n")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedWithOneLine(Case c) throws IOException {
    RefusedInputs.assertRefused(c, shared);
  }
}
