package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.BatchNorm1d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trainer trains in training mode and scores in evaluation mode, whatever mode it found. */
class TrainerModesTest {
  /** A layer that notes its mode at every forward pass. */
  static final class ModeRecorder extends Module {
    final List<Boolean> training = new ArrayList<>();
    private final Dense dense = registerModule("dense", Dense.of(2, 3, 1L));

    @Override
    public Variable forward(Variable x) {
      training.add(isTraining());
      return dense.forward(x);
    }
  }

  @Test
  void batchesRunInTrainingModeAndScoresInEvaluationMode() {
    ModeRecorder model = new ModeRecorder();
    model.eval();  // left in evaluation mode by an earlier prediction, say
    Dataset data = new Dataset(Tensors.randn(Shape.of(8, 2), 1L),
        Tensor.vector(0, 1, 2, 0, 1, 2, 0, 1));
    Trainer.builder(model, Loss.softmaxCrossEntropy(), Sgd.builder(0.1).build(model)).epochs(1)
        .batchSize(4).build().fit(data, data);
    // The untrained model's outputs checked (OutputChecks: softmaxCrossEntropy takes logits)
    // and the validation targets scored with it, in evaluation mode; its reference loss in
    // evaluation mode, then in training mode (in the run's batches of 4: two), two training
    // batches, then the validation score.
    assertEquals(List.of(false, false, false, true, true, true, true, false), model.training);
    assertTrue(model.isTraining(), "scoring restores the training mode the epoch set");

    model.training.clear();
    Evaluation.predict(model, data.features());
    assertEquals(List.of(false), model.training);
    assertTrue(model.isTraining(), "predict restores the mode it found");
    model.eval();
    Evaluation.predict(model, data.features());
    assertFalse(model.isTraining());
  }

  /**
   * predict used to restore only the root's mode, and train() on the root reaches every child:
   * a batch normalization frozen in evaluation mode inside a training model came back in training
   * mode, updating its running statistics from then on.
   */
  @Test
  void predictGivesEveryModuleBackItsOwnMode() {
    BatchNorm1d frozen = BatchNorm1d.of(3);
    Dense head = Dense.of(3, 1, 2L);
    Sequential model = Sequential.of(Dense.of(2, 3, 1L), frozen, head);
    model.train();
    frozen.eval();
    Tensor x = Tensors.randn(Shape.of(4, 2), 3L);
    Evaluation.predict(model, x);
    assertTrue(model.isTraining());
    assertFalse(frozen.isTraining(), "the frozen child stays in evaluation mode");
    assertTrue(head.isTraining());

    // The other way round, through the Dataset overload: a child left training in an evaluating
    // model stays training.
    model.eval();
    head.train();
    Evaluation.predict(model, new Dataset(x, Tensor.vector(0, 1, 0, 1)));
    assertFalse(model.isTraining());
    assertFalse(frozen.isTraining());
    assertTrue(head.isTraining());
  }
}
