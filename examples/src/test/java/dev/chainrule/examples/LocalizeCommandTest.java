package dev.chainrule.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code gradcheck --localize}: random networks with every rule right pass both checks and exit
 * 0; with one op's rule given a mistake, the parameter check fails, localize names that op's node
 * first in every network that records it, and the command exits 1. (Bad options are rows of
 * {@link BadOptionsTest}.)
 */
class LocalizeCommandTest {
  @Test
  void withoutAnInjectionNothingIsWrong() throws IOException {
    Cli.Result r = Cli.run("gradcheck", "--localize", "--networks", "8", "--json");
    assertEquals(0, r.exitCode(), r.out() + r.err());
    Map<String, Object> json = r.json();
    assertEquals(List.of("networks", "nodes_checked", "injected_op", "mutation",
        "networks_with_op", "parameter_check_failures", "not_finite", "not_deterministic",
        "inconclusive", "named_first", "passed"),
        List.copyOf(json.keySet()));
    assertEquals(Boolean.TRUE, json.get("passed"));
    assertEquals(8.0, json.get("networks"));
    assertEquals(0.0, json.get("parameter_check_failures"));
    assertEquals(0.0, json.get("not_finite"));
    assertEquals(0.0, json.get("not_deterministic"));
    assertEquals(0.0, json.get("inconclusive"));
    // At least a linear, an activation and a loss per network.
    assertTrue((Double) json.get("nodes_checked") >= 3 * 8, json.toString());
    assertTrue(r.out().contains("nodes checked: no wrong rule, and every parameter check passed"),
        r.out());
  }

  @Test
  void anInjectedSignErrorIsFoundByBothChecksAndNamedFirst() throws IOException {
    Cli.Result r = Cli.run("gradcheck", "--localize", "--inject", "tanh", "--networks", "8",
        "--json");
    assertEquals(1, r.exitCode(), "a wrong gradient was found: " + r.out() + r.err());
    Map<String, Object> json = r.json();
    double withOp = (Double) json.get("networks_with_op");
    assertTrue(withOp >= 2, "seed 42's networks use tanh: " + r.out());
    assertEquals(withOp, json.get("named_first"), r.out());
    assertEquals(withOp, json.get("parameter_check_failures"), r.out());
    assertEquals("sign", json.get("mutation"));
    assertTrue(r.out().contains("the rule of 'tanh' given a sign error wherever it is recorded"),
        r.out());
    assertTrue(r.out().contains(" tanh, inputs ") && r.out().contains("WRONG DERIVATIVE"),
        "the first finding in full: " + r.out());
    assertTrue(r.out().contains("localize named a 'tanh' node first in " + (int) withOp),
        r.out());
  }

  @Test
  void everyKindOfMistakeInLinearIsNamedInEveryNetwork() throws IOException {
    // Every network's first layer is a linear node, whose weight gradient is a matrix: each
    // mistake, the transposed product included, changes it.
    for (String mutation : List.of("sign", "factor", "transpose")) {
      Cli.Result r = Cli.run("gradcheck", "--localize", "--inject", "linear", "--mutation",
          mutation, "--networks", "4", "--json");
      assertEquals(1, r.exitCode(), mutation + ": " + r.out() + r.err());
      Map<String, Object> json = r.json();
      assertEquals(4.0, json.get("networks_with_op"), mutation);
      assertEquals(4.0, json.get("named_first"), mutation + ": " + r.out());
      assertEquals(mutation, json.get("mutation"));
    }
  }
}
