package dev.chainrule.nn.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Activation;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-written reference's derivatives at the kinks agree with the engine's: at z = 0 exactly
 * leaky ReLU and ELU take their left-hand slopes (α, and α·e⁰ = α), as PyTorch does. Random
 * inputs never land on 0, so the reference's comparisons with the engine could not tell which
 * side its {@code v > 0} took there.
 */
class ReferenceKinksTest {
  @Test
  void leakyReluAndEluTakeTheirLeftSlopesAtZeroAsTheEngineDoes() {
    Tensor z = Tensor.vector(-1, 0, 2);
    for (Activation.BuiltIn f : List.of(Activation.leakyRelu(0.1), Activation.elu(0.5))) {
      Variable x = Variable.parameter(z);
      Variable a = f.forward(x);
      a.sum().backward();
      assertEquals(f.parameter(), x.grad().get(1), 0, f + ": the engine's slope at 0");
      Tensor reference = ReferenceActivations.backward(f, z, ReferenceActivations.value(f, z),
          Tensor.vector(1, 1, 1));
      // At 0 and 2 exact (α and 1); at −1 ELU's α·e⁻¹ within 1e-16, an ulp or so of 0.18, as
      // the engine's exponential kernel need not round as Math.exp does.
      assertEquals(f.parameter(), reference.get(1), 0, f + ": the reference's slope at 0");
      assertEquals(1, reference.get(2), 0, f + ": the slope at 2");
      assertEquals(x.grad().get(0), reference.get(0), 1e-16, f + ": the slope at -1");
    }
  }
}
