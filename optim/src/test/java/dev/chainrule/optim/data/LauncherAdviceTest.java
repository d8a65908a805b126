package dev.chainrule.optim.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The advice both launchers (the program's train and predict, the Spark launcher) add to a
 * refusal or warning, shared here so that their words cannot drift apart; each launcher's own
 * tests check the words as users see them.
 */
class LauncherAdviceTest {
  /** A launcher's own failure, as the program's Failure or the Spark launcher's LaunchFailure. */
  static final class LauncherFailure extends RuntimeException {
    LauncherFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Test
  void aFirstLineThatExplainsTheRefusalIsAddedInTheLaunchersFailure(@TempDir Path dir)
      throws IOException {
    Path csv = Files.writeString(dir.resolve("nums.csv"), "1,2,3\n4,5,6\n");
    RuntimeException refusal = new DataFormatException("nums.csv: line 2: no label");
    RuntimeException explained = FirstLine.explained(refusal, csv, ',', null, "predict",
        LauncherFailure::new);
    assertEquals(LauncherFailure.class, explained.getClass());
    assertSame(refusal, explained.getCause());
    assertEquals("nums.csv: line 2: no label; line 1 (1,2,3) is all numbers, like a data row or"
        + " a summary line rather than a header; predict reads line 1 as the columns' names: if"
        + " the file has no header, add one that names each column", explained.getMessage());
  }

  @Test
  void aFirstLineThatExplainsNothingLeavesTheRefusalAsItIs(@TempDir Path dir) throws IOException {
    Path csv = Files.writeString(dir.resolve("ok.csv"), "a,b,y\n4,5,6\n");
    RuntimeException refusal = new DataFormatException("ok.csv: line 2: no label");
    assertSame(refusal, FirstLine.explained(refusal, csv, ',', "y", "train",
        LauncherFailure::new));
    // Nor does a file that cannot be read: the note must never replace what it explains.
    assertSame(refusal, FirstLine.explained(refusal, dir.resolve("absent.csv"), ',', "y",
        "train", LauncherFailure::new));
  }

  @Test
  void aMissingValueNamesFloat64OnlyForANumberBeyondFloat32AndACommandLineThatChoosesTheType() {
    String cell = "data.csv: line 3, column \"x\": missing value";
    assertEquals(cell + "; --missing drop leaves such rows out",
        CsvCommandLine.missingValueAdvice(new MissingValueException(cell, false), true));
    assertEquals(cell + "; --dtype float64 reads it, and --missing drop leaves such rows out",
        CsvCommandLine.missingValueAdvice(new MissingValueException(cell, true), true));
    assertEquals(cell + "; --missing drop leaves such rows out",
        CsvCommandLine.missingValueAdvice(new MissingValueException(cell, true), false),
        "a loaded model fixes the type: --dtype is no way out");
  }

  @Test
  void aContinuousLabelIsRefusedInTheLaunchersFailureNamingRegression() throws IOException {
    StringBuilder text = new StringBuilder("x,y\n");
    IntStream.range(0, 40).forEach(i -> text.append(i).append(',').append(i * 0.25).append('\n'));
    CsvData continuous = CsvReader.builder().build().read(new StringReader(text.toString()),
        "data.csv");
    LauncherFailure e = assertThrows(LauncherFailure.class, () -> CsvCommandLine.requireLearnable(
        continuous, "data.csv", LauncherFailure::new));
    assertEquals("data.csv: the label \"y\" looks continuous: 40 different numbers in 40 rows"
        + " (such as 0.25); classes need several rows each; to predict a number, use --task"
        + " regression", e.getMessage());
    assertEquals(UnlearnableDataException.Reason.CONTINUOUS_LABEL,
        ((UnlearnableDataException) e.getCause()).reason());
  }

  @Test
  void otherUnlearnableDataIsRefusedAsTheLibraryRefusesIt() throws IOException {
    CsvData labelOnly = CsvReader.builder().build().read(new StringReader("y\na\nb\n"),
        "data.csv");
    UnlearnableDataException e = assertThrows(UnlearnableDataException.class,
        () -> CsvCommandLine.requireLearnable(labelOnly, "data.csv", LauncherFailure::new));
    assertEquals(UnlearnableDataException.Reason.NO_FEATURES, e.reason());
  }

  @Test
  void aFarValueWarningNamesHowToLeaveTheColumnOutWhereTheCommandLineCan() {
    FeatureOutliers.FarValue far = new FeatureOutliers.FarValue("a", "f.csv: the feature \"a\"");
    assertEquals("warning: f.csv: the feature \"a\", or leave the column out (--drop a)",
        far.warning("--drop a"));
    assertEquals("warning: f.csv: the feature \"a\"", far.warning(null),
        "a loaded model fixes its features");
  }
}
