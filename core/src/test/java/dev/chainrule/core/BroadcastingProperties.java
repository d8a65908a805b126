package dev.chainrule.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.statistics.StatisticsReport.StatisticsReportMode;

class BroadcastingProperties {

  @Provide
  Arbitrary<List<Tensor>> broadcastingPairs() {
    return TensorArbitraries.broadcastingShapes(2).flatMap(shapes ->
        Combinators.combine(
            TensorArbitraries.tensors(shapes.get(0)), TensorArbitraries.tensors(shapes.get(1)))
            .as(List::of));
  }

  @Provide
  Arbitrary<List<Tensor>> broadcastingTriples() {
    return TensorArbitraries.broadcastingShapes(3).flatMap(shapes ->
        Combinators.combine(
            TensorArbitraries.tensors(shapes.get(0)).map(t -> t.gt(0)),
            TensorArbitraries.tensors(shapes.get(1)),
            TensorArbitraries.tensors(shapes.get(2)))
            .as(List::of));
  }

  /** Exact: broadcasting only moves values, so each result is the same single IEEE operation. */
  @Property
  @StatisticsReport(StatisticsReportMode.OFF)
  void binaryOpsAgreeWithExplicitExpansion(@ForAll("broadcastingPairs") List<Tensor> pair) {
    Tensor a = pair.get(0);
    Tensor b = pair.get(1);
    Statistics.label("broadcast").collect(!a.shape().equals(b.shape()))
        .coverage(check -> check.check(true).percentage(p -> p > 20));
    check(a, b, Tensor::add, Double::sum);
    check(a, b, Tensor::sub, (x, y) -> x - y);
    check(a, b, Tensor::mul, (x, y) -> x * y);
    check(a, b, Tensor::div, (x, y) -> x / y);
    check(a, b, Tensor::maximum, Math::max);
    check(a, b, Tensor::lt, (x, y) -> x < y ? 1 : 0);
  }

  @Property
  void addAndMulCommute(@ForAll("broadcastingPairs") List<Tensor> pair) {
    Tensor a = pair.get(0);
    Tensor b = pair.get(1);
    assertEquals(a.add(b), b.add(a));
    assertEquals(a.mul(b), b.mul(a));
  }

  @Property
  void broadcastToAgreesWithExplicitExpansion(@ForAll("broadcastingPairs") List<Tensor> pair) {
    Shape target = Broadcast.shapes("test", pair.get(0).shape(), pair.get(1).shape());
    assertEquals(Naive.expand(pair.get(0), target), pair.get(0).broadcastTo(target));
  }

  /** ⟨broadcastTo(x), y⟩ = ⟨x, sumTo(y)⟩: the two are adjoint, as autograd assumes. */
  @Property
  void sumToIsTheAdjointOfBroadcastTo(@ForAll("broadcastingPairs") List<Tensor> pair) {
    Tensor x = pair.get(0);
    Shape target = Broadcast.shapes("test", x.shape(), pair.get(1).shape());
    Tensor y = Tensors.randn(target, target.size());
    Tensor reduced = y.sumTo(x.shape());
    assertEquals(x.shape(), reduced.shape());
    double left = x.broadcastTo(target).mul(y).sum().item();
    double right = x.mul(reduced).sum().item();
    // The same products, summed in two orders: a few ulps of Σ|x||y| (at most 256 terms of 30).
    assertEquals(left, right, 1e-12 * (1 + x.abs().sum().item() * y.abs().sum().item()));
  }

  @Property
  void whereAgreesWithExplicitExpansion(@ForAll("broadcastingTriples") List<Tensor> triple) {
    Tensor mask = triple.get(0);
    Tensor a = triple.get(1);
    Tensor b = triple.get(2);
    Tensor result = Tensor.where(mask, a, b);
    Shape shape = Broadcast.shapes("test", mask.shape(), a.shape(), b.shape());
    assertEquals(shape, result.shape());
    for (int i = 0; i < shape.size(); i++) {
      int[] index = Naive.unravel(i, shape.dims());
      double expected = Naive.broadcastRead(mask, index) != 0
          ? Naive.broadcastRead(a, index) : Naive.broadcastRead(b, index);
      assertEquals(expected, result.toArray()[i]);
    }
  }

  private static void check(
      Tensor a, Tensor b, BinaryOperator<Tensor> op, DoubleBinaryOperator scalar) {
    Tensor result = op.apply(a, b);
    Shape shape = result.shape();
    assertEquals(Broadcast.shapes("test", a.shape(), b.shape()), shape);
    Tensor ea = Naive.expand(a, shape);
    Tensor eb = Naive.expand(b, shape);
    double[] x = ea.toArray();
    double[] y = eb.toArray();
    double[] expected = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      expected[i] = scalar.applyAsDouble(x[i], y[i]);
    }
    assertEquals(Tensor.of(expected, shape.dims()), result);
    assertEquals(op.apply(ea, eb), result);
  }
}
