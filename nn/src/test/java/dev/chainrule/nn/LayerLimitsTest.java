package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Variable;
import dev.chainrule.core.Pool2dOptions;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Shape-changing and small layers at the limits of what they accept, their accessors, and the
 * names they print under. Found by mutation testing (issue 15).
 */
class LayerLimitsTest {

  private static void assertRefused(String start, Executable call) {
    String message = assertThrows(IllegalArgumentException.class, call).getMessage();
    assertTrue(message.startsWith(start), message);
  }

  private static Variable zeros(int... dims) {
    return Variable.constant(Tensors.zeros(dims));
  }

  @Test
  void layerNormKeepsItsSettingsAndRefusesAnEmptyShapeOrABadEps() {
    LayerNorm norm = LayerNorm.of(Shape.of(3), 1e-3, false);
    assertEquals(Shape.of(3), norm.normalizedShape());
    assertEquals(1e-3, norm.eps());
    assertFalse(norm.affine());
    assertTrue(LayerNorm.of(2).affine());
    // An input of exactly the normalized shape (one sample, no batch axis), as PyTorch takes it.
    assertEquals(Shape.of(3), LayerNorm.of(3).forward(zeros(3)).shape());
    assertRefused("LayerNorm: the normalized shape [] must have at least one axis",
        () -> LayerNorm.of(Shape.scalar(), 1e-5, true));
    assertRefused("LayerNorm: the normalized shape [0] must have at least one axis",
        () -> LayerNorm.of(Shape.of(0), 1e-5, true));
    // Named "shape: negative dimension in [4, -1]" alone before, without the layer.
    assertRefused("LayerNorm: the normalized shape [4, -1] must have positive sizes",
        () -> LayerNorm.of(4, -1));
    assertRefused("LayerNorm: eps must be finite and positive, got 0.0 (a row of equal values has"
        + " variance 0, and x̂ = 0/√(0 + eps))", () -> LayerNorm.of(Shape.of(3), 0, true));
    assertRefused("LayerNorm: eps must be finite and positive, got -1.0E-9 (a row of equal values"
        + " has variance 0, and x̂ = 0/√(0 + eps))",
        () -> LayerNorm.of(Shape.of(3), -1e-9, true));
  }

  @Test
  void flattenTakesItsFirstToItsLastAxisAndNoFurther() {
    assertEquals(Shape.of(24), Flatten.of(0, -1).forward(zeros(2, 3, 4)).shape());
    assertEquals(Shape.of(2, 3, 4), Flatten.of(2, 2).forward(zeros(2, 3, 4)).shape());
    assertEquals(Shape.of(6, 4), Flatten.of(-3, 1).forward(zeros(2, 3, 4)).shape());
    assertRefused("Flatten(1, 3): input [2, 3, 4] has no axes 1 to 3",
        () -> Flatten.of(1, 3).forward(zeros(2, 3, 4)));
    assertRefused("Flatten(-4, 1): input [2, 3, 4] has no axes -4 to 1",
        () -> Flatten.of(-4, 1).forward(zeros(2, 3, 4)));
    assertRefused("Flatten(2, 1): input [2, 3, 4] has no axes 2 to 1",
        () -> Flatten.of(2, 1).forward(zeros(2, 3, 4)));
    // endDim 0 is the first axis, not the last (a negative count from the end).
    assertEquals(Shape.of(2, 3), Flatten.of(0, 0).forward(zeros(2, 3)).shape());
    // A 0-dim value: torch.flatten and nn.Flatten(0, -1) give [1]; nn.Flatten() has no axis 1.
    Variable scalar = Variable.constant(Tensor.scalar(3));
    assertEquals(Tensor.vector(3), Flatten.of(0, -1).forward(scalar).value());
    assertEquals(Shape.of(1), Flatten.of(-1, 0).forward(scalar).shape());
    assertRefused("Flatten: input [] has no axes 1 to -1", () -> Flatten.of().forward(scalar));
    assertEquals("Flatten", Flatten.of().toString().lines().findFirst().orElseThrow());
    assertEquals("Flatten(0, -1)", Flatten.of(0, -1).toString().lines().findFirst().orElseThrow());
    assertEquals("Flatten(1, 2)", Flatten.of(1, 2).toString().lines().findFirst().orElseThrow());
  }

  /**
   * The merged size in long: in int, 65536 × 65536 wrapped to 0, so an empty batch flattened to
   * [0, 0] silently, and 65536 × 32768 to −2^31, which reshape refused under its own name.
   * PyTorch gives [0, 4294967296]; an axis here is an int, so Flatten refuses it, naming itself.
   */
  @Test
  void flattenRefusesAMergedAxisPastAnInt() {
    assertRefused("Flatten: input [0, 65536, 65536]: axes 1 to -1 would become one axis of"
        + " 65536 × 65536 = 4294967296, more than an axis holds (2^31 - 1)",
        () -> Flatten.of().forward(zeros(0, 65536, 65536)));
    assertRefused("Flatten(0, 1): input [65536, 32768, 0]: axes 0 to 1 would become one axis of"
        + " 65536 × 32768 = 2147483648,", () -> Flatten.of(0, 1).forward(zeros(65536, 32768, 0)));
    // Past a long too (2^80 wrapped to 0 in one), and exactly 2^31 - 1, the largest axis.
    assertRefused("Flatten(1, 5): input [0, 65536, 65536, 65536, 65536, 65536]: axes 1 to 5"
        + " would become one axis of 65536 × 65536 × 65536 × 65536 × 65536 ="
        + " 1208925819614629174706176,",
        () -> Flatten.of(1, 5).forward(zeros(0, 65536, 65536, 65536, 65536, 65536)));
    assertEquals(Shape.of(0, Integer.MAX_VALUE),
        Flatten.of().forward(zeros(0, 1, Integer.MAX_VALUE)).shape());
    // A 0 after sizes past an int still makes 0 (held at 2^31, the product never wraps).
    assertEquals(Shape.of(0, 4), Flatten.of(0, 2).forward(zeros(65536, 65536, 0, 4)).shape());
  }

  /** The known sizes' product wrapped in a long: to 0 for 65536⁴, which the −1 divided by. */
  @Test
  void unflattenMultipliesSizesPastALong() {
    // PyTorch: [0] into (65536, 65536, -1) is [65536, 65536, 0]; here past a long too.
    assertEquals(Shape.of(3, 65536, 65536, 65536, 65536, 0),
        Unflatten.of(1, 65536, 65536, 65536, 65536, -1).forward(zeros(3, 0)).shape());
    assertRefused("Unflatten(0, [65536, 65536, 65536, 65536, -1]): input [6] has no axis 0 of a"
        + " multiple of 18446744073709551616 elements",
        () -> Unflatten.of(0, 65536, 65536, 65536, 65536, -1).forward(zeros(6)));
    // 2^64 + 2^48 wrapped to 2^48 = 281474976710656, a product no one asked for.
    assertRefused("Unflatten(1, [65536, 65536, 65536, 65537]): input [3, 4] has no axis 1 of"
        + " 18447025548686262272 elements",
        () -> Unflatten.of(1, 65536, 65536, 65536, 65537).forward(zeros(3, 4)));
    assertRefused("Unflatten(0, [65536, 65536]): input [0] has no axis 0 of 4294967296 elements",
        () -> Unflatten.of(0, 65536, 65536).forward(zeros(0)));
  }

  @Test
  void unflattenSplitsOneAxisAndChecksItsSizes() {
    Unflatten split = Unflatten.of(-1, 2, 3);
    assertEquals(-1, split.dim());
    assertArrayEquals(new int[] {2, 3}, split.sizes());
    assertEquals(Shape.of(4, 2, 3), split.forward(zeros(4, 6)).shape());
    assertEquals(Shape.of(2, 3, 4), Unflatten.of(0, 2, 3).forward(zeros(6, 4)).shape());
    assertEquals(Shape.of(4, 1, 6), Unflatten.of(1, 1, 6).forward(zeros(4, 6)).shape());
    assertRefused("Unflatten: sizes must be positive, one of them may be -1, got []",
        () -> Unflatten.of(1));
    assertRefused("Unflatten: sizes must be positive, one of them may be -1, got [2, 0]",
        () -> Unflatten.of(1, 2, 0));
    assertRefused("Unflatten: sizes must be positive, one of them may be -1, got [-1, -1]",
        () -> Unflatten.of(1, -1, -1));
    // One size inferred, as PyTorch's nn.Unflatten(1, (2, -1)): 6 is 2 × 3.
    assertEquals(Shape.of(4, 2, 3), Unflatten.of(1, 2, -1).forward(zeros(4, 6)).shape());
    assertArrayEquals(new int[] {2, -1}, Unflatten.of(1, 2, -1).sizes());
    // The inferred size first, and an empty axis split into 2 × 0 (PyTorch's too).
    assertEquals(Shape.of(4, 2, 3), Unflatten.of(1, -1, 3).forward(zeros(4, 6)).shape());
    assertEquals(Shape.of(4, 2, 0), Unflatten.of(1, 2, -1).forward(zeros(4, 0)).shape());
    assertRefused("Unflatten(1, [-1, 4]): input [4, 6] has no axis 1 of a multiple of 4"
        + " elements", () -> Unflatten.of(1, -1, 4).forward(zeros(4, 6)));
    assertRefused("Unflatten(1, [4, -1]): input [4, 6] has no axis 1 of a multiple of 4"
        + " elements", () -> Unflatten.of(1, 4, -1).forward(zeros(4, 6)));
    assertRefused("Unflatten(2, [2, 3]): input [4, 6] has no axis 2 of 6 elements",
        () -> Unflatten.of(2, 2, 3).forward(zeros(4, 6)));
    assertRefused("Unflatten(-3, [2, 3]): input [4, 6] has no axis -3 of 6 elements",
        () -> Unflatten.of(-3, 2, 3).forward(zeros(4, 6)));
  }

  @Test
  void embeddingSizesAndIndexRange() {
    Embedding table = Embedding.of(4, 3, 1L);
    assertEquals(4, table.count());
    assertEquals(3, table.dimension());
    assertEquals(Shape.of(2, 3), table.forward(Variable.constant(Tensor.vector(0, 3))).shape());
    assertRefused("Embedding: sizes must be positive, got 0 x 3", () -> Embedding.of(0, 3, 1L));
    assertRefused("Embedding: sizes must be positive, got 4 x 0", () -> Embedding.of(4, 0, 1L));
    assertRefused("Embedding(4, 3): indices must lie in [0, 4)",
        () -> table.forward(Variable.constant(Tensor.vector(4))));
    assertRefused("Embedding(4, 3): indices must be whole numbers, got NaN at [0]",
        () -> table.forward(Variable.constant(Tensor.vector(Double.NaN, 1))));
  }

  @Test
  void smallLayersRefuseEmptySizes() {
    assertRefused("Sequential: needs at least one layer", Sequential::of);
    assertRefused("Maxout: needs at least one piece, got 0", () -> new Maxout(2, 2, 0, 1L));
    assertRefused("Maxout: sizes must be positive, got 2 -> 0", () -> new Maxout(2, 0, 3, 1L));
    assertRefused("Maxout: 1000000 units of 3000 pieces are more than 2^31 - 1 outputs",
        () -> new Maxout(2, 1_000_000, 3000, 1L));
    assertEquals(Shape.of(1, 2), new Maxout(2, 2, 1, 1L).forward(zeros(1, 2)).shape());
    assertEquals(Shape.of(2), new Maxout(3, 2, 2, 1L).forward(zeros(3)).shape(), "one sample");
    String nullLayer = assertThrows(NullPointerException.class,
        () -> Sequential.of(Dense.of(2, 2, 1L), null)).getMessage();
    assertEquals("Sequential: layer 1 is null", nullLayer);
    assertRefused("RadialBasis: sizes must be positive, got 0 -> 2",
        () -> new RadialBasis(0, 2, 1, 1L));
    assertRefused("RadialBasis: sizes must be positive, got 2 -> 0",
        () -> new RadialBasis(2, 0, 1, 1L));
    assertRefused("RadialBasis: sigma must be finite and positive, got 0.0",
        () -> new RadialBasis(2, 2, 0, 1L));
    assertEquals(2, MaxPool2d.of(Pool2dOptions.of(2)).options().kernelHeight());
    assertEquals(2, AvgPool2d.of(Pool2dOptions.of(2)).options().kernelHeight());
  }

  /** exp(−|x − c|²/σ²) at x = 0 with σ = 2; the result of one exp, so within 1e-15 relative. */
  @Test
  void radialBasisDividesBySigmaSquared() {
    RadialBasis rbf = new RadialBasis(3, 4, 2, 5L);
    Tensor expected = rbf.centres().value().square().sum(1, false).div(-4).exp().reshape(1, 4);
    Tensor actual = rbf.forward(zeros(1, 3)).value();
    assertTrue(actual.allClose(expected, 1e-15, 0), actual + " vs " + expected);
    assertRefused("RadialBasis", () -> rbf.forward(zeros(1, 2)));
  }

  @Test
  void batchNormsTakeTheirOwnRanksOnly() {
    assertRefused("BatchNorm1d(3): input [2, 3, 4, 4] should be [batch, 3] or [batch, 3, length]",
        () -> BatchNorm1d.of(3).forward(zeros(2, 3, 4, 4)));
    assertRefused("BatchNorm2d(3): input [2, 3, 4] should be [batch, 3, height, width]",
        () -> BatchNorm2d.of(3).forward(zeros(2, 3, 4)));
  }

  @Test
  void dropoutAndResidualNameThemselvesInTheTree() {
    assertEquals("Dropout(p=0.25)", Dropout.of(0.25, 1L).toString().lines().findFirst()
        .orElseThrow());
    assertEquals("Residual (", Residual.of(Dense.of(2, 2, 1L)).toString().lines().findFirst()
        .orElseThrow());
    assertEquals("Residual with shortcut (", Residual.of(Dense.of(2, 3, 1L), Dense.of(2, 3, 2L))
        .toString().lines().findFirst().orElseThrow());
  }

  @Test
  void aNullOrMisshapenInputNamesTheLayerTheUserBuilt() {
    // Sequential and RadialBasis reached a raw NullPointerException; Maxout's messages named
    // the Dense inside it, a layer the user never built.
    String sequential = assertThrows(NullPointerException.class,
        () -> Sequential.of(Dense.of(2, 2, 1L)).forward(null)).getMessage();
    assertTrue(sequential.endsWith(": input is null"), sequential);
    assertFalse(sequential.startsWith("Dense"), sequential);
    String radial = assertThrows(NullPointerException.class,
        () -> new RadialBasis(3, 2, 1.0, 1L).forward(null)).getMessage();
    assertTrue(radial.startsWith("RadialBasis") && radial.endsWith(": input is null"), radial);
    Maxout maxout = new Maxout(3, 2, 2, 1L);
    String missing = assertThrows(NullPointerException.class, () -> maxout.forward(null))
        .getMessage();
    assertTrue(missing.startsWith("Maxout") && missing.endsWith(": input is null"), missing);
    String misshapen = assertThrows(IllegalArgumentException.class,
        () -> maxout.forward(zeros(2, 5))).getMessage();
    assertTrue(misshapen.startsWith("Maxout") && misshapen.contains("input [2, 5] should be"),
        misshapen);
  }
}
