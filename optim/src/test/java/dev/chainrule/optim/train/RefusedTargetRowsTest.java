package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.nn.loss.TargetRefusedException;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.data.MiniBatches;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target the loss refuses is named by its row of the data set, with the epoch and batch, not
 * only by its position in the shuffled batch: {@code target 5.0 at [14]} sent the user to row 14
 * of data whose bad label was row 3737.
 */
class RefusedTargetRowsTest {
  private static final int ROWS = 60;
  private static final int BATCH = 16;
  private static final long SEED = 5;
  private static final String BATCH_PLACE = "row (\\d+) of the training data \\(epoch 1, batch"
      + " (\\d+) of (\\d+); position \\[(\\d+)(, \\d+)?\\] of the batch\\)";

  /**
   * The hunter's repro: 5,000 rows, row 3737 labelled 5 for 3 classes; the rows the divergence
   * check scores before the first step (1,024 spread over the data) miss it, so a batch meets it.
   */
  @Test
  void aClassIndexDeepInTheDataIsNamedByItsRow() {
    int rows = 5000;
    double[] labels = classes(rows);
    labels[3737] = 5;
    Dense model = Dense.of(4, 3, 1L);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer(model, Loss.softmaxCrossEntropy()).fit(data(Tensor.vector(labels))));
    Matcher place = place(e);
    assertEquals("softmaxCrossEntropy: target 5.0 at " + place.group()
        + " is not a class index for 3 classes (whole numbers 0 to 2)", e.getMessage());
    assertEquals("3737", place.group(1));
    assertEquals("313", place.group(3));
    // The batch and position are where the first fit's shuffle (the trainer's seed) put the row.
    int batch = Integer.parseInt(place.group(2)) - 1;
    int position = Integer.parseInt(place.group(4));
    assertEquals(3737, MiniBatches.shuffledOrder(rows, SEED, 0)[batch * BATCH + position]);
    TargetRefusedException cause = assertInstanceOf(TargetRefusedException.class, e.getCause());
    assertArrayEquals(new int[] {position}, cause.position());
  }

  /** Rows the divergence check scores before the first step meet it first: still its row. */
  @Test
  void aClassIndexScoredBeforeTheFirstStepIsNamedByItsRow() {
    double[] labels = classes(ROWS);
    labels[37] = 5;
    Dense model = Dense.of(4, 3, 1L);
    String before = model.parameters().get(0).value().toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer(model, Loss.softmaxCrossEntropy()).fit(data(Tensor.vector(labels))));
    assertEquals("softmaxCrossEntropy: target 5.0 at row 37 of the training data (found before"
        + " the first step, scoring the model's starting loss) is not a class index for 3 classes"
        + " (whole numbers 0 to 2)", e.getMessage());
    assertEquals(before, model.parameters().get(0).value().toString(), "nothing trained");
  }

  @Test
  void aRowOfProbabilitiesThatIsNoDistributionIsNamedByItsRow() {
    Tensor oneHot = Tensors.oneHot(Tensor.vector(classes(ROWS)), 3, Tensor.vector(0).dtype());
    double[] rows = oneHot.toArray();
    rows[3 * 21 + 2] = 1;  // row 21 holds two certain classes: it sums to 2
    IllegalArgumentException e = unchecked(Loss.softmaxCrossEntropy(), Tensor.of(rows, ROWS, 3), 3);
    Matcher place = place(e);
    assertEquals("softmaxCrossEntropy: target " + place.group() + " sums to 2.0, not 1: target"
        + " rows are one-hot or soft probabilities (within 1.0E-4)", e.getMessage());
    assertEquals("21", place.group(1));
  }

  @Test
  void aProbabilityOutsideZeroToOneIsNamedByItsRowAndColumn() {
    double[] targets = new double[ROWS];
    targets[50] = 1.5;
    IllegalArgumentException e =
        unchecked(Loss.binaryCrossEntropyWithLogits(), Tensor.of(targets, ROWS, 1), 1);
    Matcher place = place(e);
    assertEquals("binaryCrossEntropyWithLogits: target 1.5 at " + place.group()
        + " is not a probability in [0, 1]", e.getMessage());
    assertEquals("50", place.group(1));
    assertEquals(", 0", place.group(5), "the batch's position keeps its column");
  }

  /**
   * Found when the first epoch's end scored it, the epoch was lost; the validation targets are
   * scored before the first step: no step taken, the weights as they were.
   */
  @Test
  void aValidationLabelIsRefusedBeforeTheFirstStepNamedByItsRow() {
    double[] labels = classes(ROWS);
    labels[42] = 7;
    Dense model = Dense.of(4, 3, 1L);
    String before = model.parameters().get(0).value().toString();
    Sgd sgd = Sgd.builder(0.1).build(model);
    Trainer trainer = Trainer.builder(model, Loss.softmaxCrossEntropy(), sgd).epochs(1)
        .batchSize(BATCH).seed(SEED).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer.fit(data(Tensor.vector(classes(ROWS))), data(Tensor.vector(labels))));
    assertEquals("softmaxCrossEntropy: target 7.0 at row 42 of the validation data (scored before"
        + " the first step) is not a class index for 3 classes (whole numbers 0 to 2)",
        e.getMessage());
    assertEquals(0, sgd.stepCount(), "no step taken");
    assertEquals(before, model.parameters().get(0).value().toString(), "nothing trained");
    assertArrayEquals(new int[] {42},
        assertInstanceOf(TargetRefusedException.class, e.getCause()).position());
  }

  /** A resumed run scores its validation targets before its first step too. */
  @Test
  void aResumedRunRefusesAValidationLabelBeforeItsFirstStep(@TempDir Path dir) {
    Path checkpoint = dir.resolve("run.safetensors");
    Dense first = Dense.of(4, 3, 1L);
    Trainer.builder(first, Loss.softmaxCrossEntropy(), Sgd.builder(0.1).build(first)).epochs(1)
        .batchSize(BATCH).seed(SEED).checkpointEvery(1, checkpoint).build()
        .fit(data(Tensor.vector(classes(ROWS))));
    Dense model = Dense.of(4, 3, 2L);
    Sgd sgd = Sgd.builder(0.1).build(model);
    ResumedRun run = ResumedRun.load(checkpoint, model, sgd);
    long steps = sgd.stepCount();
    String loaded = model.parameters().get(0).value().toString();
    double[] labels = classes(ROWS);
    labels[9] = 3;
    Trainer resumed = Trainer.builder(model, Loss.softmaxCrossEntropy(), sgd).epochs(3)
        .batchSize(BATCH).seed(SEED).resume(run).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resumed.fit(data(Tensor.vector(classes(ROWS))), data(Tensor.vector(labels))));
    assertEquals("softmaxCrossEntropy: target 3.0 at row 9 of the validation data (scored before"
        + " the first step) is not a class index for 3 classes (whole numbers 0 to 2)",
        e.getMessage());
    assertEquals(steps, sgd.stepCount(), "no step beyond the checkpoint's");
    assertEquals(loaded, model.parameters().get(0).value().toString(), "nothing trained");
  }

  /**
   * A refusal the untrained model's outputs do not meet (a loss of one's own that, once the
   * outputs move, hands its inner loss another target) still surfaces after the epoch, named by
   * its row and epoch there.
   */
  @Test
  void aValidationRefusalAfterAnEpochIsNamedByItsRowAndEpoch() {
    Dense model = Dense.of(4, 3, 1L);
    // Zero weights and bias: the untrained outputs are all 0, the trained ones are not.
    model.parameters().forEach(p -> p.value().scaleInPlace(0));
    int validationRows = 30; // no batch of the 60 training rows in 16s has 30 rows
    Loss base = Loss.softmaxCrossEntropy();
    Loss refusesOnceTrained = (output, target) -> {
      boolean moved = Arrays.stream(output.value().toArray()).anyMatch(v -> v != 0);
      if (moved && target.dim(0) == validationRows) {
        double[] changed = target.toArray();
        changed[12] = 5;
        return base.compute(output, Tensor.vector(changed));
      }
      return base.compute(output, target);
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> trainer(model, refusesOnceTrained).fit(data(Tensor.vector(classes(ROWS))),
            data(Tensor.vector(classes(validationRows)))));
    assertEquals("softmaxCrossEntropy: target 5.0 at row 12 of the validation data (scored after"
        + " epoch 1) is not a class index for 3 classes (whole numbers 0 to 2)", e.getMessage());
  }

  /** A fit with the divergence check off: nothing scores the targets before the batches do. */
  private static IllegalArgumentException unchecked(Loss loss, Tensor labels, int outputs) {
    Dense model = Dense.of(4, outputs, 1L);
    return assertThrows(IllegalArgumentException.class, () -> Trainer.builder(model, loss,
        Sgd.builder(0.1).build(model)).epochs(1).batchSize(BATCH).seed(SEED)
        .divergenceFactor(Double.POSITIVE_INFINITY).build().fit(data(labels)));
  }

  private static Trainer trainer(Dense model, Loss loss) {
    return Trainer.builder(model, loss, Sgd.builder(0.1).build(model)).epochs(1)
        .batchSize(BATCH).seed(SEED).build();
  }

  private static Dataset data(Tensor labels) {
    return new Dataset(Tensors.randn(Shape.of(labels.shape().dim(0), 4), 1L), labels);
  }

  private static double[] classes(int rows) {
    double[] labels = new double[rows];
    for (int i = 0; i < rows; i++) {
      labels[i] = i % 3;
    }
    return labels;
  }

  private static Matcher place(IllegalArgumentException e) {
    Matcher place = Pattern.compile(BATCH_PLACE).matcher(e.getMessage());
    assertTrue(place.find(), e.getMessage());
    return place;
  }

  /**
   * A loss of one's own that scores other targets than the rows it was handed (here one row
   * more) may refuse a position that is no row of them: the refusal is left in the loss's words,
   * not sent to a row of the data that does not exist.
   */
  @Test
  void aPositionPastTheRowsHandedTheLossIsLeftAsTheLossPutIt() {
    int rows = 6;
    Loss base = Loss.softmaxCrossEntropy();
    Loss ownTargets = (output, target) -> {
      double[] more = Arrays.copyOf(target.toArray(), rows + 1);
      more[rows] = 5; // no class of 3, at position [6], just past the 6 rows handed over
      return base.compute(dev.chainrule.autograd.Variable.constant(Tensors.zeros(rows + 1, 3)),
          Tensor.vector(more));
    };
    Dataset data = new Dataset(Tensors.randn(Shape.of(rows, 4), 3L), Tensor.vector(classes(rows)));
    TargetRefusedException refused = assertThrows(TargetRefusedException.class,
        () -> new Divergence(Dense.of(4, 3, 1L), ownTargets, data, 4, 10));
    assertEquals("softmaxCrossEntropy: target 5.0 at [6] is not a class index for 3 classes"
        + " (whole numbers 0 to 2)", refused.getMessage());
  }
}
