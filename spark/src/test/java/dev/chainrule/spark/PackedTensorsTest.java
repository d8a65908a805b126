package dev.chainrule.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Shape;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedTensorsTest {
  private static final List<Tensor> TENSORS = List.of(Tensors.randn(Shape.of(300, 200), 1L),
      Tensors.randn(Shape.of(200), 2L), Tensor.scalar(3.5));

  @Test
  void unpacksWhatWasPackedExactlyInBothTypes() {
    assertEquals(TENSORS, PackedTensors.pack(TENSORS).unpack());
    List<Tensor> floats = TENSORS.stream().map(t -> t.to(DType.FLOAT32)).toList();
    PackedTensors packed = PackedTensors.pack(floats);
    assertEquals(DType.FLOAT32, packed.dtype());
    assertEquals(floats, packed.unpack());
    assertEquals(60_201 * 4L, packed.valueBytes());
  }

  /**
   * What crosses Spark is the values and little else: Java serialization adds a header, the class
   * description and the shapes, a few hundred bytes, never a per-tensor or per-element object.
   */
  @Test
  void serializesToTheValuesBytesAndLittleMore() throws IOException {
    for (DType type : DType.values()) {
      PackedTensors packed = PackedTensors.pack(TENSORS.stream().map(t -> t.to(type)).toList());
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(packed);
      }
      long overhead = bytes.size() - packed.valueBytes();
      assertTrue(overhead > 0 && overhead < 1024, type + ": " + overhead + " bytes beyond the"
          + " values");
    }
  }

  @Test
  void addsAndScalesElementwise() {
    PackedTensors packed = PackedTensors.pack(TENSORS);
    List<Tensor> doubled = packed.plus(packed).unpack();
    List<Tensor> scaled = packed.times(2).unpack();
    for (int i = 0; i < TENSORS.size(); i++) {
      assertEquals(TENSORS.get(i).mul(2), doubled.get(i));
      assertEquals(TENSORS.get(i).mul(2), scaled.get(i));
    }
  }

  @Test
  void refusesMixedTypesAndOtherShapes() {
    IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
        () -> PackedTensors.pack(List.of(Tensor.scalar(1), Tensor.scalar(1, DType.FLOAT32))));
    assertEquals("PackedTensors.pack: tensor 1 is float32, tensor 0 is float64",
        mixed.getMessage());
    PackedTensors a = PackedTensors.pack(List.of(Tensors.zeros(2, 3)));
    PackedTensors b = PackedTensors.pack(List.of(Tensors.zeros(3, 2)));
    IllegalArgumentException shapes = assertThrows(IllegalArgumentException.class,
        () -> a.plus(b));
    assertEquals("PackedTensors.plus: float64 [[2, 3]] and float64 [[3, 2]] differ",
        shapes.getMessage());
  }
}
