package dev.chainrule.examples.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.nn.Activation;
import dev.chainrule.optim.model.Mlp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The program's networks evaluate rows independently, so evaluation runs their test sets in
 * parts: were one to lose that (a built-in layer without its answer), a convolutional network
 * would take Fashion-MNIST's 10,000 test images in one call, about 1 GB of float64 activations in
 * its first layer alone, with no test result changed.
 */
class ProgramModelsEvaluateInPartsTest {
  @Test
  void theConvolutionalNetworkDoes() {
    assertTrue(Cnn.of(28, 128, 10, 1L).evaluatesRowsIndependently());
  }

  @Test
  void theMultilayerPerceptronsDo() {
    for (String name : List.of("relu", "tanh", "sigmoid", "gelu")) {
      assertTrue(Mlp.of(784, List.of(256, 128), 10, Activation.named(name), 1L)
          .evaluatesRowsIndependently(), name);
    }
  }
}
