package dev.chainrule.spark;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import dev.chainrule.core.Tensors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tensors of one dtype packed end to end into a single primitive array ({@code double[]} for
 * float64, {@code float[]} for float32) with their shapes: the form in which parameters, gradients
 * and optimizer state cross Spark. Java serialization of this object is the array's bytes plus a
 * few hundred bytes of header and shapes, never a graph of tensor or module objects.
 *
 * <p>Immutable: arithmetic returns new packs. In Spark's local mode a broadcast value and a task's
 * input can be the very same object in several threads, so nothing here may change in place.
 */
public final class PackedTensors implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The element type of every tensor. */
  private final DType dtype;
  /** Each tensor's dimensions, in order. */
  private final int[][] shapes;
  /** The float64 values end to end, or null for float32. */
  private final double[] doubles;
  /** The float32 values end to end, or null for float64. */
  private final float[] floats;

  private PackedTensors(DType dtype, int[][] shapes, double[] doubles, float[] floats) {
    this.dtype = dtype;
    this.shapes = shapes;
    this.doubles = doubles;
    this.floats = floats;
  }

  /**
   * Packs the tensors in order; they must share one dtype.
   *
   * @param tensors at least one
   * @return their values end to end, with their shapes
   * @throws IllegalArgumentException for an empty list or mixed dtypes
   */
  public static PackedTensors pack(List<Tensor> tensors) {
    checkNotNull(tensors, "PackedTensors.pack: tensors are null");
    checkArgument(!tensors.isEmpty(), "PackedTensors.pack: no tensors");
    DType dtype = tensors.get(0).dtype();
    int[][] shapes = new int[tensors.size()][];
    Tensor[] flat = new Tensor[tensors.size()];
    for (int i = 0; i < tensors.size(); i++) {
      Tensor t = checkNotNull(tensors.get(i), "PackedTensors.pack: tensor %s is null", i);
      checkArgument(t.dtype() == dtype, "PackedTensors.pack: tensor %s is %s, tensor 0 is %s", i,
          t.dtype(), dtype);
      shapes[i] = t.shape().dims();
      flat[i] = t.reshape(t.size());
    }
    Tensor all = flat.length == 1 ? flat[0] : Tensors.concat(0, flat);
    return dtype == DType.FLOAT64 ? new PackedTensors(dtype, shapes, all.toArray(), null)
        : new PackedTensors(dtype, shapes, null, all.toFloatArray());
  }

  /**
   * The tensors, in the order they were packed.
   *
   * @return new tensors of the packed dtype
   */
  public List<Tensor> unpack() {
    Tensor all = all();
    List<Tensor> tensors = new ArrayList<>(shapes.length);
    int from = 0;
    for (int[] shape : shapes) {
      int size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
      tensors.add(all.slice(0, from, from + size).reshape(shape));
      from += size;
    }
    return tensors;
  }

  /**
   * The element type of every packed tensor.
   *
   * @return float64 or float32
   */
  public DType dtype() {
    return dtype;
  }

  /**
   * Number of tensors.
   *
   * @return how many tensors were packed
   */
  public int count() {
    return shapes.length;
  }

  /**
   * Number of elements over all tensors.
   *
   * @return the length of the packed array
   */
  public int elements() {
    return dtype == DType.FLOAT64 ? doubles.length : floats.length;
  }

  /**
   * Bytes of values: elements times the dtype's size.
   *
   * @return what the values take in memory and on the wire
   */
  public long valueBytes() {
    return (long) elements() * dtype.byteSize();
  }

  /**
   * The elementwise sum with a pack of the same shapes and dtype.
   *
   * @param other the other addend
   * @return a new pack
   */
  public PackedTensors plus(PackedTensors other) {
    checkNotNull(other, "PackedTensors.plus: other is null");
    checkArgument(other.dtype == dtype && Arrays.deepEquals(other.shapes, shapes),
        "PackedTensors.plus: %s %s and %s %s differ", dtype, describe(shapes), other.dtype,
        describe(other.shapes));
    return withValues(all().add(other.all()));
  }

  /**
   * Every element times {@code factor}.
   *
   * @param factor the multiplier
   * @return a new pack
   */
  public PackedTensors times(double factor) {
    return withValues(all().mul(factor));
  }

  /**
   * Which tensors hold another value than {@code before}'s, bit for bit, per tensor in pack
   * order: a replica's parameters against the ones it was broadcast, which say the parameters
   * its optimizer left alone (frozen, or never reached by a gradient).
   */
  boolean[] changedFrom(PackedTensors before) {
    checkArgument(before.dtype == dtype && Arrays.deepEquals(before.shapes, shapes),
        "PackedTensors.changedFrom: %s %s and %s %s differ", dtype, describe(shapes),
        before.dtype, describe(before.shapes));
    boolean[] changed = new boolean[shapes.length];
    int from = 0;
    for (int i = 0; i < shapes.length; i++) {
      int to = from + Arrays.stream(shapes[i]).reduce(1, Math::multiplyExact);
      changed[i] = dtype == DType.FLOAT64
          ? !Arrays.equals(doubles, from, to, before.doubles, from, to)
          : !Arrays.equals(floats, from, to, before.floats, from, to);
      from = to;
    }
    return changed;
  }

  private PackedTensors withValues(Tensor values) {
    return dtype == DType.FLOAT64 ? new PackedTensors(dtype, shapes, values.toArray(), null)
        : new PackedTensors(dtype, shapes, null, values.toFloatArray());
  }

  private Tensor all() {
    return dtype == DType.FLOAT64 ? Tensor.of(doubles, doubles.length)
        : Tensor.of(floats, floats.length);
  }

  private static String describe(int[][] shapes) {
    return Arrays.deepToString(shapes);
  }

  @Override
  public String toString() {
    return "PackedTensors[" + shapes.length + " " + dtype + " tensors, " + elements()
        + " elements]";
  }
}
