package dev.chainrule.examples.run;

import static dev.chainrule.examples.run.LoadedFiles.file;
import static dev.chainrule.examples.run.LoadedFiles.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chainrule.examples.cli.Failure;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Spark checkpoint written inside an epoch is refused by a run that would train that epoch
 * again in full; one written at an epoch's end, however its step is spelled, trains on.
 */
class MidEpochFilesTest {
  private static final String STEP = MidEpochFiles.SPARK_STEP_KEY;
  private static final String EPOCH = ModelCheckpoint.EPOCH_KEY;

  private static String refusal(Map<String, String> entries) {
    return assertThrows(Failure.class,
        () -> MidEpochFiles.refuse(file(entries), settings(5, 4))).getMessage();
  }

  @Test
  void aFileWrittenInsideAnEpochIsSentToResume() {
    assertEquals("m.safetensors is a chainrule-spark checkpoint that stopped inside an epoch"
        + " (after 7 steps of epoch 4): its weights have trained part of that epoch, which --load"
        + " would train again in full; continue it with chainrule-spark --resume m.safetensors,"
        + " or load a file written at the end of an epoch",
        refusal(Map.of(STEP, "7", EPOCH, "3")));
    // No count of epochs completed: the first is in progress.
    assertEquals("m.safetensors is a chainrule-spark checkpoint that stopped inside an epoch"
        + " (after 1 steps of epoch 1): its weights have trained part of that epoch, which --load"
        + " would train again in full; continue it with chainrule-spark --resume m.safetensors,"
        + " or load a file written at the end of an epoch", refusal(Map.of(STEP, "1")));
    // A count that is none is shown as it stands.
    assertEquals("m.safetensors is a chainrule-spark checkpoint that stopped inside an epoch"
        + " (after 2 steps of epoch after -1): its weights have trained part of that epoch, which"
        + " --load would train again in full; continue it with chainrule-spark --resume"
        + " m.safetensors, or load a file written at the end of an epoch",
        refusal(Map.of(STEP, "2", EPOCH, "-1")));
    assertEquals("m.safetensors is a chainrule-spark checkpoint that stopped inside an epoch"
        + " (after 2 steps of epoch after 2147483647): its weights have trained part of that"
        + " epoch, which --load would train again in full; continue it with chainrule-spark"
        + " --resume m.safetensors, or load a file written at the end of an epoch",
        refusal(Map.of(STEP, "2", EPOCH, "2147483647")));
  }

  @Test
  void aStepThatIsNoCountIsADamagedFile() {
    for (String step : new String[] {"-1", "half", "0.5"}) {
      assertEquals("m.safetensors: the metadata's \"" + STEP + "\" is \"" + step + "\", not a"
          + " count of steps (the step chainrule-spark stopped at within its epoch, 0 at an"
          + " epoch's end), so whether the file continues an epoch is unknown: the file was"
          + " edited or damaged", refusal(Map.of(STEP, step)), step);
    }
  }

  @Test
  void anEpochsEndOrAnEvaluationTrainsOn() {
    MidEpochFiles.refuse(file(Map.of(STEP, "0", EPOCH, "3")), settings(5, 4));
    MidEpochFiles.refuse(file(Map.of(STEP, " 0.0 ", EPOCH, "3")), settings(5, 4));
    MidEpochFiles.refuse(file(Map.of(EPOCH, "3")), settings(5, 4));
    // --epochs 0 trains nothing: even a file inside an epoch is only evaluated.
    MidEpochFiles.refuse(file(Map.of(STEP, "7")), settings(0, 4));
  }
}
