package dev.chainrule.optim.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.Sgd;
import dev.chainrule.optim.checkpoint.Checkpoint;
import dev.chainrule.optim.checkpoint.SafeTensors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resuming reads the best-weights file a checkpoint names by loading it into the model, then
 * puts the model and the optimizer's rate back as they were before it loads the checkpoint. When
 * the file loads and the checkpoint itself is then refused (a NaN in one of its tensors), the
 * refusal must leave everything as it was: without the putting back, the caller's model would
 * hold the best epoch's weights and its optimizer the file's learning rate after a load that
 * reported failure, and a caller who carried on would train from weights it never asked for.
 */
class BestWeightsThenRefusedCheckpointTest {
  @Test
  void aCheckpointRefusedAfterItsBestWeightsLoadedLeavesModelAndRateAsTheyWere(
      @TempDir Path dir) {
    Path file = dir.resolve("ck.safetensors");
    // Two epochs, the first the best (weight 1.0, rate 0.1): the checkpoint names a file with it.
    assertNotNull(BestWeightsFixture.afterTwoEpochs(file).named());
    Checkpoint read = SafeTensors.read(file);
    Map<String, Tensor> tensors = new LinkedHashMap<>(read.tensors());
    String bias = tensors.keySet().stream().filter(k -> k.endsWith("1.bias")).findFirst()
        .orElseThrow();
    tensors.put(bias, Tensor.vector(Double.NaN));
    SafeTensors.write(file, tensors, read.metadata());

    Sequential model = ResumedRecordsTest.model(0);
    model.parameters().get(2).value().assignInPlace(Tensor.matrix(new double[][] {{7.0}}));
    Optimizer sgd = Sgd.builder(0.3).build(model);
    List<Tensor> before = model.parameters().stream().map(p -> p.value().copy()).toList();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ResumedRun.load(file, model, sgd));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    assertEquals(before, model.parameters().stream().map(Variable::value).toList(),
        "every parameter as it was, the weight 7.0 not the best epoch's 1.0");
    assertEquals(0.3, sgd.learningRate(), "the rate as it was, not the file's 0.1");
    assertEquals(0, sgd.stepCount());
  }
}
