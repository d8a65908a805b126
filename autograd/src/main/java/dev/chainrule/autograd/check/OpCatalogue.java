package dev.chainrule.autograd.check;

import java.util.ArrayList;
import java.util.List;

/**
 * A spec for every built-in differentiable op. One property test runs the gradient checks over
 * all of them, and a coverage test fails when an op has no spec here.
 */
public final class OpCatalogue {
  private OpCatalogue() {}

  /**
   * Every built-in op's spec, elementwise ops first.
   *
   * @return a spec per built-in op
   */
  public static List<OpSpec> builtIns() {
    List<OpSpec> specs = new ArrayList<>(ElementwiseSpecs.all());
    specs.addAll(StructuralSpecs.all());
    return List.copyOf(specs);
  }
}
