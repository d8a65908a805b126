package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * Where prediction starts to come in chunks, how binary outputs are counted right row by row,
 * and the accuracy a score gives.
 */
class EvaluationEdgesTest {
  /** Passes its input through, or gives fixed outputs, and counts its forward passes. */
  private static final class Counting extends Module {
    private final Tensor fixed;
    int calls;

    Counting(Tensor fixed) {
      this.fixed = fixed;
    }

    @Override
    public Variable forward(Variable x) {
      calls++;
      return fixed == null ? x : Variable.constant(fixed);
    }

    /** Passing rows through is row by row, which lets evaluation run them in chunks. */
    @Override
    protected boolean evaluatesRowsAlone() {
      return fixed == null;
    }
  }

  private static int passes(Shape features) {
    Counting model = new Counting(null);
    Tensor input = Tensors.randn(features, 1L);
    Tensor out = Evaluation.predict(model, input);
    assertEquals(input.shape(), out.shape());
    assertTrue(out.allClose(input, 0, 0), "the rows come back in order");
    return model.calls;
  }

  @Test
  void batchesOfMoreThanChunkRowsComeInChunks() {
    int chunk = Evaluation.CHUNK_ROWS;
    assertEquals(1, passes(Shape.of(chunk, 2)));
    assertEquals(2, passes(Shape.of(chunk + 1, 2)));
    assertEquals(2, passes(Shape.of(2 * chunk, 2)));
    assertEquals(3, passes(Shape.of(2 * chunk + 1, 2)));
    assertEquals(1, passes(Shape.of(chunk + 1)), "a vector is one sample");
  }

  @Test
  void aBinaryRowIsRightWhenEveryOutputIs() {
    // Probabilities are thresholded at ½ inclusive: row 0 gives (1, 0) as labelled, row 1 gives
    // (1, 1) against (1, 0).
    Tensor probabilities = Tensor.matrix(new double[][] {{0.5, 0.2}, {0.6, 0.7}});
    Tensor labels = Tensor.matrix(new double[][] {{1, 0}, {1, 0}});
    assertEquals(1, Evaluation.correct(Loss.binaryCrossEntropy(), probabilities, labels));
    // Logits are thresholded at 0 inclusive, and one output per row may come as a vector.
    assertEquals(2, Evaluation.correct(Loss.binaryCrossEntropyWithLogits(),
        Tensor.vector(0, -0.1), Tensor.vector(1, 0)));
    assertEquals(-1, Evaluation.correct(Loss.meanSquaredError(), probabilities, labels),
        "values are not counted");
  }

  /**
   * Soft targets, as label smoothing makes them, count as the class they lean to (from ½ up,
   * the outputs' own rule): compared as given, no thresholded output equals 0.95, and a perfect
   * model read 0.
   */
  @Test
  void softBinaryTargetsCountAsTheClassTheyLeanTo() {
    Tensor probabilities = Tensor.vector(0.6, 0.4, 0.7, 0.1, 0.5);
    Tensor smoothed = Tensor.vector(0.95, 0.05, 0.8, 0.2, 0.5);
    assertEquals(5, Evaluation.correct(Loss.binaryCrossEntropy(), probabilities, smoothed));
    assertEquals(2, Evaluation.correct(Loss.binaryCrossEntropy(),
        Tensor.vector(0.4, 0.6, 0.7, 0.1, 0.49), smoothed), "rows 0, 1 and 4 lean the other way");
    assertEquals(2, Evaluation.correct(Loss.binaryCrossEntropyWithLogits(),
        Tensor.vector(2, -3), Tensor.vector(0.9, 0.1)));
  }

  @Test
  void aScoresAccuracyIsTheShareOfRowsRight() {
    Tensor probabilities = Tensor.matrix(new double[][] {{0.9}, {0.1}, {0.2}, {0.3}});
    Dataset data = new Dataset(Tensors.zeros(4, 1), Tensor.matrix(new double[][] {{1}, {1},
        {1}, {1}}));
    assertEquals(0.25, Evaluation.score(new Counting(probabilities), Loss.binaryCrossEntropy(),
        data).accuracy(), 0, "1 of 4, exact");
    Tensor allWrong = Tensor.matrix(new double[][] {{0.1}, {0.1}, {0.2}, {0.3}});
    assertEquals(0.0, Evaluation.score(new Counting(allWrong), Loss.binaryCrossEntropy(), data)
        .accuracy(), 0, "none right is 0, not NaN");
  }
}
