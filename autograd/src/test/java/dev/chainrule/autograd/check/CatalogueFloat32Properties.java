package dev.chainrule.autograd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.OpTable;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every row of the op table in float32, {@value #CASES} random cases each ({@link
 * OpSpec#checkFloat32}, whose comment gives the bound and why it holds): its value and its
 * vector-Jacobian product are float32 when its inputs are, and agree with float64 on the same
 * values. The {@code to} op is skipped: it changes types by definition.
 */
class CatalogueFloat32Properties {
  private static final int CASES = 50;

  @TestFactory
  Stream<DynamicTest> everyOpRunsInFloat32AndAgreesWithFloat64() {
    return OpTable.entries().stream().filter(entry -> !entry.name().equals("to"))
        .map(entry -> DynamicTest.dynamicTest(entry.name(), () -> {
          SpecReport report = entry.spec().checkFloat32(CASES, CatalogueProperties.seedOf(entry));
          assertEquals(CASES, report.checks());
          assertTrue(report.passed(),
              () -> report + " (-Dcatalogue.seed=" + CatalogueProperties.SEED + ")");
        }));
  }
}
