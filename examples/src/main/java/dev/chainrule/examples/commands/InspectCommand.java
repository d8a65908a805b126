package dev.chainrule.examples.commands;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.chainrule.core.Shape;
import dev.chainrule.examples.cli.Console;
import dev.chainrule.examples.cli.Usage;
import dev.chainrule.optim.checkpoint.SafeTensors;
import dev.chainrule.optim.checkpoint.TensorListing;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = {"Lists the tensors (name, dtype, shape) and metadata of a safetensors file.",
        "Any file in the format, whatever its types: chainrule's checkpoints, PyTorch's"
            + " state_dicts.",
        "Only the header is read: a tensor is marked \"(not read by chainrule)\" for its type"
            + " or shape; an I64 or U64 tensor listed unmarked is still refused when read if it"
            + " holds a value beyond +-2^53."})
final class InspectCommand implements Callable<Integer> {
  /** The longest metadata value the listing prints whole. */
  private static final int LONGEST_VALUE = 20_000;

  @Parameters(paramLabel = "FILE", description = "A .safetensors file.")
  Path file;

  @Option(names = "--json", description = "End with one line of JSON: the tensors (\"readable\":"
      + " of a type and shape chainrule reads, from the header) and metadata (default: off).")
  boolean json;

  @Option(names = "--verbose", description = "Show stack traces of errors (default: off).")
  boolean verbose;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    // A path of the wrong kind (none, a folder) is a usage error, as the other commands' are;
    // one the file system cannot give (missing, a device) is the work's failure.
    Usage.check(!file.toString().isEmpty(), spec, "the path is empty: give a safetensors file");
    Usage.check(!Files.isDirectory(file), spec, "%s is a folder, not a safetensors file", file);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(Files.exists(file) ? file + " is not a regular file (a"
          + " device, a FIFO or a socket), not a safetensors file" : "no such file: " + file);
    }
    Console console = new Console(spec.commandLine().getOut(), Terminal.isInteractive());
    TensorListing listing = SafeTensors.list(file);
    // A tensor without a shape (a dimension beyond 2^31 - 1) has no elements.
    long values = listing.tensors().stream()
        .mapToLong(t -> t.shape().map(Shape::size).orElse(0)).sum();
    console.printf("%s: %d tensor%s, %,d value%s, %,d bytes of data", file.getFileName(),
        listing.tensors().size(), listing.tensors().size() == 1 ? "" : "s", values,
        values == 1 ? "" : "s", listing.dataBytes());
    // Names and metadata are the file's text: printed with control characters replaced.
    int width = listing.tensors().stream().mapToInt(t -> t.name().length()).max().orElse(0);
    for (TensorListing.Entry t : listing.tensors()) {
      // A tensor chainrule does not read (its type, or a dimension beyond 2^31 - 1 in a tensor of
      // no elements) is listed, marked: its file loads without it.
      console.printf("  %-" + Math.max(1, width) + "s  %-5s %s%s", Console.printable(t.name()),
          Console.printable(t.dtype()), t.dims(), t.readable() ? "" : "  (not read by chainrule)");
    }
    if (!listing.metadata().isEmpty()) {
      console.println("metadata:");
      listing.metadata().forEach((key, value) -> console.printf("  %s = %s",
          Console.printable(key), shortened(value)));
    }
    if (json) {
      console.println(jsonLine(listing));
    }
    return 0;
  }

  /**
   * A metadata value as a line for people: whole up to {@value #LONGEST_VALUE} characters (a
   * model's description with its columns' statistics fits), cut after that, saying how long it
   * is; a header may hold megabytes in one value, which the JSON line prints whole.
   */
  static String shortened(String value) {
    String line = Console.printable(value);
    return line.length() <= LONGEST_VALUE ? line : line.substring(0, LONGEST_VALUE)
        + String.format(Locale.ROOT, "… (%,d characters; --json prints them all)", line.length());
  }

  /** {"file": ..., "tensors": [{"name", "dtype", "shape"}, ...], "metadata": {...}}. */
  private String jsonLine(TensorListing listing) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = new JsonFactory().createGenerator(text)) {
      out.writeStartObject();
      out.writeStringField("file", file.toString());
      out.writeArrayFieldStart("tensors");
      for (TensorListing.Entry t : listing.tensors()) {
        out.writeStartObject();
        out.writeStringField("name", t.name());
        out.writeStringField("dtype", t.dtype());
        out.writeArrayFieldStart("shape");
        for (long d : t.dims()) {
          out.writeNumber(d);
        }
        out.writeEndArray();
        // Whether chainrule reads the tensor's type and shape (a C64 one is listed, never
        // loaded), judged from the header: an I64 value beyond 2^53 is found only by reading.
        out.writeBooleanField("readable", t.readable());
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeObjectFieldStart("metadata");
      for (Map.Entry<String, String> entry : listing.metadata().entrySet()) {
        out.writeStringField(entry.getKey(), entry.getValue());
      }
      out.writeEndObject();
      out.writeEndObject();
    }
    return text.toString();
  }
}
