package dev.chainrule.nn;

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
}
