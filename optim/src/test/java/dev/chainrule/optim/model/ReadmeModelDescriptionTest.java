package dev.chainrule.optim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Sequential;
import dev.chainrule.optim.Adam;
import dev.chainrule.optim.Optimizer;
import dev.chainrule.optim.checkpoint.ModelCheckpoint;
import dev.chainrule.optim.data.Standardizer;
import dev.chainrule.optim.train.Evaluation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's self-describing checkpoint, verbatim. */
class ReadmeModelDescriptionTest {
  @Test
  void aCheckpointRebuildsItsModel(@TempDir Path folder) {
    Sequential model = Sequential.of(Dense.of(4, 8, 1L), Activation.tanh(), Dense.of(8, 3, 2L));
    Optimizer optimizer = Adam.builder().build(model);
    Tensor rows = Tensors.randn(Shape.of(5, 4), 3L).mul(2).add(4);
    Standardizer standardizer = Standardizer.fit(rows);

    ModelDescription description = ModelDescription
        .builder(Task.CLASSIFICATION, ModelDescription.layersOf(model))
        .name("iris")
        .features(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"),
            Scaling.of(standardizer))
        .label("species", List.of("setosa", "versicolor", "virginica"))
        .build();
    ModelCheckpoint.save(folder.resolve("iris.safetensors"), model, optimizer, description);

    ModelCheckpoint.DescribedModel loaded =
        ModelCheckpoint.loadDescribed(folder.resolve("iris.safetensors"));
    Sequential rebuilt = loaded.model();  // the same layers, activations and weights
    Tensor inputs = loaded.description().featureScaling().toStandardizer().transform(rows);

    assertEquals(standardizer.transform(rows), inputs);
    assertEquals(Evaluation.predict(model, inputs), Evaluation.predict(rebuilt, inputs));
    assertEquals(description, loaded.description());
  }
}
