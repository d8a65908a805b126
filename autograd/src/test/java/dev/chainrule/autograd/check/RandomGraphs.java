package dev.chainrule.autograd.check;

import dev.chainrule.autograd.OpEntry;
import dev.chainrule.autograd.OpTable;
import dev.chainrule.autograd.Variable;
import dev.chainrule.autograd.Variables;
import dev.chainrule.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Random graphs made of the op table's own cases: two to five cases of random rows (composites
 * bring their primitives), each input either a fresh parameter or its sampled value shifted by a
 * scalar computed from an earlier case's output, and every case's output joined into the result,
 * so that every node is in its graph. The shift is at most 0.01, inside the margins the samplers
 * keep from kinks, poles and ties (0.1 and more), so every node's inputs stay where its op is
 * smooth.
 */
final class RandomGraphs {
  private RandomGraphs() {}

  static Variable draw(RandomGenerator random) {
    List<OpEntry> rows = OpTable.entries();
    int cases = random.nextInt(2, 6);
    List<Variable> outputs = new ArrayList<>();
    for (int c = 0; c < cases; c++) {
      OpCase sampled = rows.get(random.nextInt(rows.size())).spec().sample(random);
      List<Variable> inputs = new ArrayList<>();
      for (Tensor value : sampled.inputs()) {
        if (outputs.isEmpty() || random.nextInt(3) == 0) {
          inputs.add(Variable.parameter(value));
        } else {
          Variable from = outputs.get(random.nextInt(outputs.size()));
          double scale = 0.01 / (1 + from.value().abs().sum().item());
          inputs.add(Variable.constant(value).add(from.sum().mul(scale)));
        }
      }
      outputs.add(sampled.function().apply(inputs));
    }
    return Variables.concat(0, outputs.stream().map(o -> o.reshape(-1)).toArray(Variable[]::new));
  }
}
