package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.core.DType;
import dev.chainrule.core.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the tensors a script under {@code src/test/resources/torch} wrote with PyTorch: one a
 * line, 'key dims values', dims comma-separated ('-' for a scalar), values in Python's repr
 * (the shortest text that round-trips, so Java parses the same double); '#' starts a comment.
 */
public final class TorchFixtures {
  private TorchFixtures() {}

  /**
   * The file's tensors by key, in float64.
   *
   * @param resource the resource's path, such as {@code /torch/batchnorm_options.txt}
   * @return the tensors by key
   */
  public static Map<String, Tensor> read(String resource) {
    Map<String, Tensor> tensors = new HashMap<>();
    try (InputStream in = TorchFixtures.class.getResourceAsStream(resource);
        BufferedReader reader = new BufferedReader(new InputStreamReader(
            Objects.requireNonNull(in, resource), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] fields = line.split(" ");
        int[] dims = fields[1].equals("-") ? new int[0]
            : Arrays.stream(fields[1].split(",")).mapToInt(Integer::parseInt).toArray();
        double[] values = Arrays.stream(fields, 2, fields.length)
            .mapToDouble(Double::parseDouble).toArray();
        tensors.put(fields[0], dims.length == 0 ? Tensor.scalar(values[0])
            : Tensor.of(values, dims));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(tensors);
  }

  /**
   * The fixture's tensor under {@code key}, failing the test when there is none.
   *
   * @param fixture the tensors {@link #read} gave
   * @param key the key
   * @return the tensor
   */
  public static Tensor get(Map<String, Tensor> fixture, String key) {
    Tensor value = fixture.get(key);
    assertNotNull(value, key + " is not in the fixture");
    return value;
  }

  /**
   * Asserts that {@code actual} has the fixture's shape under {@code key} and its values within
   * {@code tolerance} of the larger of 1 and the largest magnitude PyTorch wrote (relative for
   * large values, absolute near 0, where relative errors of rounding mean nothing); NaN fails.
   *
   * @param fixture the tensors {@link #read} gave
   * @param key the key
   * @param actual the value computed here, in either type
   * @param tolerance the tolerance, stated by the caller with its reason
   */
  public static void assertClose(Map<String, Tensor> fixture, String key, Tensor actual,
      double tolerance) {
    Tensor expected = get(fixture, key);
    assertEquals(expected.shape(), actual.shape(), key);
    double scale = Math.max(1, expected.abs().max().item());
    double difference = actual.to(DType.FLOAT64).sub(expected).abs().max().item();
    assertTrue(difference <= tolerance * scale, key + ": differs by " + difference + " on a"
        + " scale of " + scale + "\n" + actual + "\nPyTorch " + expected);
  }
}
