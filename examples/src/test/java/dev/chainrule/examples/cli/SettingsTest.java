package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.examples.plot.ChartFormat;
import dev.chainrule.optim.OptimizerChoice;
import dev.chainrule.optim.model.Validation;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each of the settings' withers changes its one setting and keeps every other. */
class SettingsTest {
  private static final Settings BASE = new Settings(5, 16, 0.1, OptimizerChoice.SGD,
      List.of(8), null, 1, DType.FLOAT64, Path.of("out"), Path.of("m.safetensors"),
      Path.of("l.safetensors"), true, true, Set.of("--seed"), ChartFormat.SVG,
      new Validation(0.2, 3), new ClassLoss(ClassLoss.BALANCED, null, 0.1));

  @Test
  void aWitherChangesOneSetting() {
    ClassLoss weighed = BASE.classLoss().withWeights(List.of(1.0, 2.0));
    assertEquals(new ClassLoss(ClassLoss.BALANCED, List.of(1.0, 2.0), 0.1), weighed);
    assertEquals(List.of(
        new Settings(5, 16, 0.1, OptimizerChoice.SGD, List.of(8), null, 9, DType.FLOAT64,
            Path.of("out"), Path.of("m.safetensors"), Path.of("l.safetensors"), true, true,
            Set.of("--seed"), ChartFormat.SVG, new Validation(0.2, 3), BASE.classLoss()),
        new Settings(5, 16, 0.1, OptimizerChoice.ADAM, List.of(8), null, 1, DType.FLOAT64,
            Path.of("out"), Path.of("m.safetensors"), Path.of("l.safetensors"), true, true,
            Set.of("--seed"), ChartFormat.SVG, new Validation(0.2, 3), BASE.classLoss()),
        new Settings(5, 16, 0.5, OptimizerChoice.SGD, List.of(8), null, 1, DType.FLOAT64,
            Path.of("out"), Path.of("m.safetensors"), Path.of("l.safetensors"), true, true,
            Set.of("--seed"), ChartFormat.SVG, new Validation(0.2, 3), BASE.classLoss()),
        new Settings(5, 4, 0.1, OptimizerChoice.SGD, List.of(8), null, 1, DType.FLOAT64,
            Path.of("out"), Path.of("m.safetensors"), Path.of("l.safetensors"), true, true,
            Set.of("--seed"), ChartFormat.SVG, new Validation(0.2, 3), BASE.classLoss()),
        new Settings(7, 16, 0.1, OptimizerChoice.SGD, List.of(8), null, 1, DType.FLOAT64,
            Path.of("out"), Path.of("m.safetensors"), Path.of("l.safetensors"), true, true,
            Set.of("--seed"), ChartFormat.SVG, new Validation(0.2, 3), BASE.classLoss()),
        new Settings(5, 16, 0.1, OptimizerChoice.SGD, List.of(8), null, 1, DType.FLOAT64,
            Path.of("out"), Path.of("m.safetensors"), Path.of("l.safetensors"), true, true,
            Set.of("--seed"), ChartFormat.SVG, Validation.NONE, BASE.classLoss()),
        new Settings(5, 16, 0.1, OptimizerChoice.SGD, List.of(8), null, 1, DType.FLOAT64,
            Path.of("out"), Path.of("m.safetensors"), Path.of("l.safetensors"), true, true,
            Set.of("--seed"), ChartFormat.SVG, new Validation(0.2, 3), weighed)),
        List.of(BASE.withSeed(9), BASE.withOptimizer(OptimizerChoice.ADAM),
            BASE.withLearningRate(0.5), BASE.withBatchSize(4), BASE.withEpochs(7),
            BASE.withValidation(Validation.NONE), BASE.withClassLoss(weighed)));
    assertTrue(BASE.gave("--seed"));
    assertFalse(BASE.gave("--lr"));
    // No class loss is the plain one.
    assertEquals(ClassLoss.NONE, BASE.withClassLoss(null).classLoss());
  }
}
