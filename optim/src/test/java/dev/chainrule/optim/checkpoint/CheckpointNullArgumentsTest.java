package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nulls reached the checkpoint's own code: loadMatching(null, model) failed on Path.getFileName,
 * description(null, name) on Checkpoint.metadata, and a null source was quoted as "null: checkpoint
 * does not match the model". Each is now refused by name, as the other loads refuse a null path.
 */
class CheckpointNullArgumentsTest {
  private static final Sequential MODEL = Sequential.of(Dense.of(2, 1, 1));
  private static final Checkpoint EMPTY = new Checkpoint(Map.of(), Map.of());

  @Test
  void loadMatchingRefusesANullPathAsTheOtherLoadsDo() {
    assertEquals("checkpoint: path is null", assertThrows(NullPointerException.class,
        () -> ModelCheckpoint.loadMatching(null, MODEL)).getMessage());
    assertEquals("checkpoint: path is null", assertThrows(NullPointerException.class,
        () -> ModelCheckpoint.load(null, MODEL)).getMessage());
  }

  @Test
  void descriptionRefusesANullCheckpointOrSource() {
    assertEquals("description: checkpoint is null", assertThrows(NullPointerException.class,
        () -> ModelCheckpoint.description(null, "x")).getMessage());
    assertEquals("description: source is null", assertThrows(NullPointerException.class,
        () -> ModelCheckpoint.description(EMPTY, null)).getMessage());
  }

  @Test
  void loadRefusesANullSourceRatherThanQuotingIt() {
    assertEquals("load: source is null", assertThrows(NullPointerException.class,
        () -> ModelCheckpoint.load(EMPTY, null, MODEL, null)).getMessage());
    // With a name, the same checkpoint's mismatch is told under it.
    String message = assertThrows(CheckpointMismatchException.class,
        () -> ModelCheckpoint.load(EMPTY, "weights.safetensors", MODEL, null)).getMessage();
    assertTrue(message.startsWith("weights.safetensors: "), message);
  }
}
