package dev.chainrule.optim.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.data.Dataset;
import dev.chainrule.optim.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A float64 file loaded into a float32 model with its optimizer: Adam's moments are rounded to
 * float32 as the weights are, and the load report says so of both. Before, it listed the weights
 * alone, and a caller counting conversions took the optimizer's state to have come through exactly.
 */
class OptimizerStateConversionTest {
  private static Sequential model(long seed) {
    return Sequential.of(Dense.of(3, 2, seed));
  }

  @Test
  void roundedMomentsAreReportedBesideTheWeights(@TempDir Path dir) {
    Sequential trained = model(1L);
    Optimizer adam = Adam.builder().learningRate(0.01).build(trained);
    Tensor x = Tensors.randn(Shape.of(16, 3), 2L);
    Tensor y = Tensors.randn(Shape.of(16, 2), 3L);
    Trainer.builder(trained, Loss.meanSquaredError(), adam).epochs(2).batchSize(8).seed(1)
        .build().fit(new Dataset(x, y), null);
    Path file = dir.resolve("f64.safetensors");
    ModelCheckpoint.save(file, trained, adam, Map.of());

    Sequential narrow = model(1L);
    narrow.to(DType.FLOAT32);
    Optimizer loaded = Adam.builder().learningRate(0.01).build(narrow);
    LoadReport report = ModelCheckpoint.load(file, narrow, loaded);

    List<String> names = report.typeConversions().stream().map(TypeConversion::name).toList();
    assertTrue(names.stream().anyMatch(n -> n.startsWith("optimizer.") && n.contains("exp_avg")),
        names.toString());
    assertTrue(names.stream().anyMatch(n -> n.contains("exp_avg_sq")), names.toString());
    // Moments after two epochs of random data are not float32 values: rounded, and said so.
    TypeConversion moment = report.typeConversions().stream()
        .filter(c -> c.name().startsWith("optimizer.")).findFirst().orElseThrow();
    assertEquals(DType.FLOAT32, moment.loaded());
    assertEquals("float64", moment.stored());
    assertFalse(moment.exact(), moment.toString());
    assertEquals(report.typeConversions().size(), report.converted().size(),
        report.converted().toString());
    assertTrue(report.converted().stream().anyMatch(line -> line.startsWith("optimizer.")
        && line.endsWith(": float64 -> float32 (rounded to nearest)")), report.converted()
        .toString());

    // A caller that loads the state itself is told the same of it, by the state's own names.
    Sequential own = model(1L);
    own.to(DType.FLOAT32);
    ModelCheckpoint.load(file, own, null);
    Optimizer ownAdam = Adam.builder().learningRate(0.01).build(own);
    SavedOptimizer saved = SavedOptimizer.of(file.toString(), SafeTensors.read(file));
    ownAdam.loadState(saved.state());
    List<TypeConversion> stateOnly = saved.typeConversions(ownAdam.state());
    assertEquals(report.typeConversions().stream().filter(c -> c.name().startsWith("optimizer."))
        .map(c -> c.name().substring("optimizer.".length())).toList(),
        stateOnly.stream().map(TypeConversion::name).toList());
    assertTrue(stateOnly.stream().anyMatch(c -> !c.exact() && c.loaded() == DType.FLOAT32),
        stateOnly.toString());

    // Into a float64 model nothing changes type: the report lists no conversion.
    Sequential same = model(1L);
    LoadReport exact = ModelCheckpoint.load(file, same, Adam.builder().learningRate(0.01)
        .build(same));
    assertEquals(List.of(), exact.converted());
  }
}
