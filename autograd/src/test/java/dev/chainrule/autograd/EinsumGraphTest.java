package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensors;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What einsum records: each pair of operands contracted by one matmul node, never a mul and a
 * sum (which would hold the pair's outer product), and no permute where a transpose flag of the
 * matmul does (attention's keys) or the operands already lie right; a pair that sums nothing is
 * one broadcast mul, as torch takes it.
 */
class EinsumGraphTest {

  private static Variable x(int... dims) {
    return Variable.parameter(Tensors.randn(Shape.of(dims), 9L));
  }

  /** The names of the rows of every recorded node, from the output down. */
  private static List<String> recorded(Variable output) {
    List<String> names = new ArrayList<>();
    Map<Variable, Boolean> seen = new IdentityHashMap<>();
    Deque<Variable> pending = new ArrayDeque<>(List.of(output));
    while (!pending.isEmpty()) {
      Variable v = pending.pop();
      if (seen.put(v, Boolean.TRUE) != null || v.creator() == null) {
        continue;
      }
      names.add(v.creator().op().tableEntry().map(OpEntry::name).orElse(v.creator().op().name()));
      pending.addAll(v.inputs());
    }
    return names;
  }

  @Test
  void attentionScoresAreOneMatmulWithTheKeysTransposedByAFlag() {
    Variable q = x(2, 4, 8);
    Variable k = x(2, 5, 8);
    Variable scores = Variables.einsum("bqd,bkd->bqk", q, k);
    assertEquals(List.of("matmul"), recorded(scores));
    assertEquals("matmul(RIGHT)", scores.creator().op().toString());
    assertSame(q, scores.inputs().get(0));
    assertSame(k, scores.inputs().get(1));
  }

  /**
   * Nothing summed: one broadcast mul, as torch. As a matmul it was a product of 1 × 1 matrices
   * per element, 300 times mul's time on 1000 × 1000 (the s65 reviewer's case).
   */
  @Test
  void aPairThatSumsNothingIsOneMul() {
    Variable g = x(3, 4);
    Variable h = x(3, 4);
    Variable same = Variables.einsum("ij,ij->ij", g, h);
    assertEquals(List.of("mul"), recorded(same));
    assertEquals(g.value().mul(h.value()), same.value());
    Variable row = x(4);
    Variable scaled = Variables.einsum("ij,j->ij", g, row);
    assertEquals(List.of("mul"), recorded(scaled));
    assertEquals(g.value().mul(row.value()), scaled.value());
    // An outer product: [3, 1]·[1, 4] broadcast, the two reshapes recorded before it.
    Variable outer = Variables.einsum("i,j->ij", x(3), row);
    assertEquals(Shape.of(3, 4), outer.shape());
    assertEquals("mul", outer.creator().op().tableEntry().map(OpEntry::name).orElseThrow());
  }

  @Test
  void aMatrixProductIsOneMatmul() {
    assertEquals(List.of("matmul"), recorded(Variables.einsum("ij,jk->ik", x(2, 3), x(3, 4))));
  }

  /** A dot product is a [1, n]·[n, 1] matmul reshaped, as torch's bmm of it: no mul, no sum. */
  @Test
  void aDotProductIsAMatmulNotAMulAndASum() {
    List<String> ops = recorded(Variables.einsum("i,i->", x(5), x(5)));
    assertEquals(1, ops.stream().filter("matmul"::equals).count(), ops::toString);
    assertEquals(List.of(), ops.stream().filter(o -> o.equals("mul") || o.equals("sum")).toList());
  }

  /** Three operands, two pairs: two matmuls, the second taking the first's result. */
  @Test
  void threeOperandsAreTwoMatmulsLeftToRight() {
    Variable a = x(2, 3);
    Variable b = x(3, 4);
    Variable c = x(4, 5);
    Variable y = Variables.einsum("ij,jk,kl->il", a, b, c);
    assertEquals(List.of("matmul", "matmul"), recorded(y));
    Variable first = y.inputs().get(0);
    assertEquals(List.of(a, b), first.inputs());
    assertSame(c, y.inputs().get(1));
  }

  /**
   * A batched contraction whose labels lie in no matmul order: permutes and reshapes around one
   * matmul, and the shared label summed by it, not by a sum node.
   */
  @Test
  void aScrambledContractionStillRecordsOneMatmulAndNoMul() {
    List<String> ops = recorded(Variables.einsum("jbic,cbkj->bki", x(3, 2, 4, 5), x(5, 2, 6, 3)));
    assertEquals(1, ops.stream().filter("matmul"::equals).count(), ops::toString);
    assertEquals(List.of(), ops.stream().filter(o -> o.equals("mul") || o.equals("sum")).toList(),
        ops::toString);
  }

  /** A diagonal is a reshape and a slice with a step: no gather, no mask. */
  @Test
  void aDiagonalIsAReshapeAndASlice() {
    assertEquals(List.of("slice", "reshape"), recorded(Variables.einsum("ii->i", x(3, 3))));
    assertEquals(List.of("sum", "slice", "reshape"), recorded(Variables.einsum("ii", x(3, 3))));
  }
}
