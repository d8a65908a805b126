package dev.chainrule.examples.check;

import dev.chainrule.autograd.Reduction;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import dev.chainrule.nn.Activation;
import dev.chainrule.nn.Dense;
import dev.chainrule.nn.Layer;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.loss.Loss;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Random Dense networks with a random smooth activation per layer, a random loss (with an output
 * activation that fits it), and a random batch with targets: the architectures the gradcheck
 * command checks three ways.
 */
final class RandomNetworks {
  private static final List<Activation.BuiltIn> HIDDEN = List.of(Activation.identity(),
      Activation.sigmoid(), Activation.tanh(), Activation.relu(), Activation.leakyRelu(0.05),
      Activation.elu(1), Activation.gelu(), Activation.geluTanh(), Activation.softplus());

  private RandomNetworks() {}

  /** A network, its loss, a batch and targets, with a description for reports. */
  record Case(Sequential model, Loss loss, Tensor x, Tensor target, String description) {}

  static Case draw(RandomGenerator r) {
    int depth = r.nextInt(1, 4);
    int[] widths = new int[depth + 1];
    for (int i = 0; i <= depth; i++) {
      widths[i] = r.nextInt(2, 9);
    }
    Loss.Kind kind = Loss.Kind.values()[r.nextInt(Loss.Kind.values().length)];
    // MEAN or SUM, drawn as before NONE existed: the audit checks one number J, which NONE's
    // per-sample losses are not.
    Loss loss = new Loss.BuiltIn(kind, r.nextInt(2) == 0 ? Reduction.MEAN : Reduction.SUM);
    Activation.BuiltIn output = switch (kind) {
      case BINARY_CROSS_ENTROPY -> Activation.sigmoid();
      case CATEGORICAL_CROSS_ENTROPY -> Activation.softmax();
      case NEGATIVE_LOG_LIKELIHOOD -> Activation.logSoftmax();
      case SOFTMAX_CROSS_ENTROPY, BINARY_CROSS_ENTROPY_WITH_LOGITS -> Activation.identity();
      default -> HIDDEN.get(r.nextInt(HIDDEN.size()));
    };
    List<Layer> layers = new ArrayList<>();
    StringBuilder text = new StringBuilder().append(widths[0]);
    for (int l = 0; l < depth; l++) {
      Activation.BuiltIn f = l == depth - 1 ? output : HIDDEN.get(r.nextInt(HIDDEN.size()));
      layers.add(Dense.builder(widths[l], widths[l + 1]).random(r)
          .biasInit((s, in, out, g) -> Tensors.normal(s, 0, 0.1, g)).build());
      layers.add(f);
      text.append('-').append(widths[l + 1]).append(' ')
          .append(f.name());
    }
    int batch = r.nextInt(1, 9);
    int outputs = widths[depth];
    Tensor target = switch (kind) {
      case BINARY_CROSS_ENTROPY, BINARY_CROSS_ENTROPY_WITH_LOGITS ->
          Tensors.rand(Shape.of(batch, outputs), r).gt(0.5);
      case CATEGORICAL_CROSS_ENTROPY, SOFTMAX_CROSS_ENTROPY, NEGATIVE_LOG_LIKELIHOOD ->
          Tensors.rand(Shape.of(batch), r).mul(outputs).map(Math::floor);
      default -> Tensors.randn(Shape.of(batch, outputs), r);
    };
    return new Case(Sequential.of(layers.toArray(Layer[]::new)), loss,
        Tensors.randn(Shape.of(batch, widths[0]), r), target,
        text + ", " + loss + ", batch " + batch);
  }
}
