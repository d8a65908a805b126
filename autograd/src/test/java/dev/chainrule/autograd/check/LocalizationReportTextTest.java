package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Op;
import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The localizer's summary counts each kind of finding apart and adds its notes only when they
 * apply: the culprit note and the creation-site hint only with a wrong node, the hint only when
 * sites were not recorded, "(projection)" only for a node too large for its full Jacobian. Found by
 * mutation testing (issue 15).
 */
class LocalizationReportTextTest {
  private static final String CULPRIT = "(the first, from the inputs, is the culprit";
  private static final String HINT = "Autograd.recordCreationSites()";

  /** d(2x)/dx reported as 3: wrong everywhere, by 50 %. */
  private static final Op WRONG =
      Op.unary("wrongTwice", (ctx, x) -> x.mul(2), (ctx, g) -> g.mul(3));

  @Test
  void aKinkAloneIsCountedWithoutNotes() {
    Variable p = Variable.parameter(Tensor.vector(-1, 0, 2));
    String text = GradCheck.localize(p.relu().mul(p).sum()).toString();
    assertTrue(text.contains(
        " nodes checked: 0 wrong, 1 finite-difference artefact, 0 not checked\n"), text);
    assertFalse(text.contains(CULPRIT) || text.contains(HINT), text);
  }

  @Test
  void aNodeThatCannotBeCheckedIsCountedAsNotChecked() {
    SplittableRandom random = new SplittableRandom(5);
    Op noisy = Op.unary("noisy", (ctx, x) -> x.add(random.nextDouble()), (ctx, g) -> g);
    Variable p = Variable.parameter(Tensor.vector(1, 2));
    String text = GradCheck.localize(noisy.apply(p).sum()).toString();
    assertTrue(text.contains(
        " nodes checked: 0 wrong, 0 finite-difference artefacts, 1 not checked\n"), text);
  }

  @Test
  void aWrongNodeBringsTheCulpritNoteAndTheHintUntilSitesAreRecorded() {
    Variable p = Variable.parameter(Tensor.vector(1, 2));
    String text = GradCheck.localize(WRONG.apply(p).sum()).toString();
    assertTrue(text.contains(" nodes checked: 1 wrong " + CULPRIT), text);
    assertTrue(text.contains(", 0 finite-difference artefacts, 0 not checked\n"), text);
    assertTrue(text.contains(HINT), text);
    assertFalse(text.contains("(projection)"), text);
    String recorded;
    try (var sites = Autograd.recordCreationSites()) {
      recorded = GradCheck.localize(WRONG.apply(p).sum()).toString();
    }
    assertFalse(recorded.contains(HINT), recorded);
    assertTrue(recorded.contains("; created at "), recorded);
  }

  @Test
  void aNodeTooLargeForItsFullJacobianIsComparedByProjection() {
    Variable p = Variable.parameter(Tensors.ones(40, 40));
    String text = GradCheck.localize(WRONG.apply(p).sum()).toString();
    assertTrue(text.contains("WRONG DERIVATIVE at input 0 (projection)"), text);
  }
}
