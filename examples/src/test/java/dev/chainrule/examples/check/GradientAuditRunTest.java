package dev.chainrule.examples.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.OpTable;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

/**
 * gradcheck's whole audit, at its smallest: one case of every op of the op table and the
 * random networks asked for, all passing; and the ops the random networks record, which
 * --inject can show.
 */
class GradientAuditRunTest {
  @Test
  void everyOpAndEveryNetworkAskedForIsCheckedAndPasses() {
    GradientAudit.Result result = GradientAudit.run(1, 2, 42);
    assertEquals(OpTable.entries().size(), result.ops().size());
    assertEquals(2, result.networks().size());
    assertTrue(result.passed(), result.toString());
    assertTrue(result.ops().stream().allMatch(op -> op.checks() >= 1 && op.passed()),
        "each op's finding is its own check's");
    assertEquals(0, GradientAudit.run(1, 0, 42).networks().size());
  }

  @Test
  void theOpsTheNetworksRecordAreNamedInOrder() {
    SortedSet<String> ops = Localization.opsUsed(20, 42);
    assertTrue(ops.contains("tanh"), ops.toString());
    // Ops only: the parameters and inputs are no ops --inject could give a wrong rule.
    assertFalse(ops.contains("leaf") || ops.contains("constant"), ops.toString());
    assertFalse(ops.isEmpty());
    assertEquals(ops, Localization.opsUsed(20, 42), "the same seed, the same networks");
    assertTrue(Localization.opsUsed(0, 42).isEmpty(), "no network records no op");
  }
}
