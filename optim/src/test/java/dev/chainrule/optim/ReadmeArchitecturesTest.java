package dev.chainrule.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.AvgPool2d;
import dev.chainrule.nn.BatchNorm2d;
import dev.chainrule.nn.Conv2d;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.MaxPool2d;
import dev.chainrule.nn.Residual;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Summary;
import dev.chainrule.nn.Unflatten;
import dev.chainrule.nn.loss.Loss;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's "Layers for real architectures" snippets, verbatim, and what they claim. */
class ReadmeArchitecturesTest {
  @Test
  void aConvolutionalNetworkAndItsSummary() throws Exception {
    Sequential cnn = Sequential.of(
        Unflatten.of(1, 1, 28, 28),  // rows of 784 pixels become [N, 1, 28, 28] images
        Conv2d.builder(1, 32, 3).padding(1).seed(1L).build(), BatchNorm2d.of(32),
        Activation.relu(), MaxPool2d.of(2),
        Conv2d.builder(32, 64, 3).padding(1).seed(2L).build(), BatchNorm2d.of(64),
        Activation.relu(), MaxPool2d.of(2),
        Flatten.of(),
        Dense.of(64 * 7 * 7, 128, 3L), Activation.relu(), Dropout.of(0.25, 4L),
        Dense.of(128, 10, 5L));
    System.out.println(cnn.summary(Shape.of(1, 784)));

    Summary summary = cnn.summary(Shape.of(1, 784));
    // conv 32·9 + 32, batch norm 2·32, conv 64·32·9 + 64, batch norm 2·64, dense 3136·128 + 128,
    // dense 128·10 + 10.
    assertEquals(320 + 64 + 18_496 + 128 + 401_536 + 1_290, summary.parameters());
    assertEquals(Shape.of(1, 10), summary.rows().get(0).output());
    String readme = Files.readString(Path.of("../README.md"));
    assertTrue(readme.contains("```\n" + summary + "\n```"),
        "the README shows the summary as printed:\n" + summary);
  }

  @Test
  void aResidualNetworkTrainsAStepAndRunsInEvaluationMode() {
    Sequential resnet = Sequential.of(
        Conv2d.builder(3, 16, 3).padding(1).seed(1L).build(), BatchNorm2d.of(16), Activation.relu(),
        Residual.of(Sequential.of(  // y = block(x) + x
            Conv2d.builder(16, 16, 3).padding(1).bias(false).seed(2L).build(), BatchNorm2d.of(16),
            Activation.relu(),
            Conv2d.builder(16, 16, 3).padding(1).bias(false).seed(3L).build(), BatchNorm2d.of(16))),
        Activation.relu(),
        Residual.of(  // y = block(x) + shortcut(x): a strided 1×1 projection matches the shapes
            Sequential.of(Conv2d.builder(16, 32, 3).stride(2).padding(1).seed(4L).build(),
                BatchNorm2d.of(32), Activation.relu()),
            Conv2d.builder(16, 32, 1).stride(2).seed(5L).build()),
        AvgPool2d.of(8), Flatten.of(), Dense.of(32, 10, 6L));
    Variable images = Variable.constant(Tensors.randn(Shape.of(4, 3, 16, 16), 7L));
    Tensor labels = Tensor.vector(0, 3, 9, 1);
    Optimizer sgd = Sgd.builder(0.1).build(resnet);
    Loss.softmaxCrossEntropy().compute(resnet.forward(images), labels).backward();
    sgd.step();      // training mode: batch statistics, and the running ones move
    resnet.eval();   // evaluation mode: the running statistics, dropout off
    Tensor logits = resnet.forward(images).value();
    System.out.println(resnet.stateDict().keySet());
    // [0.weight, 0.bias, 1.weight, ..., 1.running_mean, ...]

    assertEquals(Shape.of(4, 10), logits.shape());
    assertFalse(resnet.isTraining());
    List<String> names = List.copyOf(resnet.stateDict().keySet());
    assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean",
        "1.running_var", "1.num_batches_tracked", "3.block.0.weight"), names.subList(0, 8));
    assertTrue(names.contains("5.shortcut.weight"), names.toString());
    assertEquals(1.0, resnet.stateDict().get("1.num_batches_tracked").item(), "one batch");
    assertNotEquals(Tensors.zeros(16), resnet.stateDict().get("1.running_mean"),
        "the running mean moved towards the batch's");
    assertEquals(logits, resnet.forward(images).value(),
        "evaluation is deterministic: no batch statistics, no dropout");
  }
}
