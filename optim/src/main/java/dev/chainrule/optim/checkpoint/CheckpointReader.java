package dev.chainrule.optim.checkpoint;

import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.FILE_TOO_SHORT;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.HEADER_BEYOND_FILE;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.HEADER_TOO_LARGE;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.INEXACT_VALUE;
import static dev.chainrule.optim.checkpoint.CheckpointException.Rule.IO_ERROR;

import dev.chainrule.core.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a checkpoint in the order that keeps a hostile file harmless: the length field is checked
 * against the limit and the file size before the header is allocated, the whole header is
 * validated (JSON, then layout against the real file size) before any tensor is allocated, and so
 * every allocation is bounded by bytes that exist.
 */
final class CheckpointReader {
  private CheckpointReader() {}

  /** A validated header: its entries in file order and where the data section starts. */
  private record Validated(Header header, List<Header.Entry> ordered, long dataStart) {}

  /** A parsed header, not yet checked against the data section, with the file's size. */
  private record Parsed(Header header, long dataStart, long size) {}

  /**
   * Reads every tensor of a type chainrule reads; those of another type the format defines are
   * listed as unreadable, their bytes checked by the layout as every tensor's, and not read, and
   * so are those holding an I64 or U64 float64 cannot hold exactly, with the reason, and those of
   * no elements with a dimension beyond 2^31 - 1, which a shape cannot hold.
   */
  static Checkpoint read(ByteSource source) {
    try {
      Validated file = validate(source);
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      Map<String, String> fileTypes = new LinkedHashMap<>();
      List<TensorListing.Entry> unreadable = new ArrayList<>();
      Map<String, String> inexact = new LinkedHashMap<>();
      for (Header.Entry entry : file.ordered()) {
        // A tensor of no elements with a dimension beyond 2^31 - 1 has no shape chainrule holds:
        // listed as one of a type it does not read is, so the rest of its file still loads.
        if (entry.dtype().coreType().isEmpty() || entry.shape().isEmpty()) {
          unreadable.add(listed(entry));
          continue;
        }
        try {
          tensors.put(entry.name(), TensorBytes.read(source, file.dataStart() + entry.begin(),
              entry.shape().get(), entry.dtype()));
          fileTypes.put(entry.name(), entry.dtype().name());
        } catch (TensorBytes.BadValue e) {
          if (e.rule() != INEXACT_VALUE) {
            // A BOOL byte other than 0 or 1 is damage, not a value any writer meant.
            throw new CheckpointException(source.name(), e.rule(),
                "tensor " + Quoting.quote(entry.name()) + ": " + e.getMessage());
          }
          // An I64 beyond 2^53 is a legitimate value (a seed, a hash) that float64 would round:
          // refused where it is used, as a tensor of a type chainrule does not read, so a file
          // whose model tensors are fine still loads.
          unreadable.add(listed(entry));
          inexact.put(entry.name(), e.getMessage());
        }
      }
      return new Checkpoint(tensors, file.header().metadata(), fileTypes, unreadable, inexact,
          source.name());
    } catch (IOException e) {
      throw new CheckpointException(source.name(), IO_ERROR,
          "reading failed: " + IoFailures.describe(e, source.name()), e);
    }
  }

  /** The file's tensors, of any type the format defines, from its validated header alone. */
  static TensorListing list(ByteSource source) {
    try {
      Validated file = validate(source);
      return new TensorListing(file.header().entries().stream().map(CheckpointReader::listed)
          .toList(), file.header().metadata());
    } catch (IOException e) {
      throw new CheckpointException(source.name(), IO_ERROR,
          "reading failed: " + IoFailures.describe(e, source.name()), e);
    }
  }

  /**
   * The metadata of the file's header, parsed as strictly as for {@link #list}, without checking
   * the data section against it: a file whose header is whole says what it is even when its data
   * is cut short.
   */
  static Map<String, String> metadata(ByteSource source) {
    try {
      return parse(source).header().metadata();
    } catch (IOException e) {
      throw new CheckpointException(source.name(), IO_ERROR,
          "reading failed: " + IoFailures.describe(e, source.name()), e);
    }
  }

  private static TensorListing.Entry listed(Header.Entry entry) {
    return new TensorListing.Entry(entry.name(), entry.dtype().name(), entry.dims(),
        entry.end() - entry.begin());
  }

  /** The refusal of a length field, led by what the file is instead when the field tells. */
  private static CheckpointException refused(String name, CheckpointException.Rule rule,
      String details, ByteBuffer lengthField) {
    String what = formatHint(lengthField);
    return what.isEmpty() ? new CheckpointException(name, rule, details)
        : CheckpointException.notSafetensors(name, rule, what, details);
  }

  /**
   * What a length field says the file is instead, or "" when it does not tell: a safetensors
   * header is under 2³² bytes, so its length's last four bytes are zeros, and eight printable
   * characters mean text (a CSV given where a checkpoint was wanted), "PK\3\4" a zip archive
   * and 0x80 0x02–0x05 a pickle (torch.save's files), which the rule alone, "header length over
   * the 100 MB limit", does not tell its reader.
   */
  private static String formatHint(ByteBuffer lengthField) {
    // torch.save writes a zip archive (PyTorch 1.6 on) or, before, a pickle: the usual mix-up.
    if (lengthField.get(0) == 'P' && lengthField.get(1) == 'K' && lengthField.get(2) == 3
        && lengthField.get(3) == 4) {
      return "it is a zip archive, as torch.save writes (save the"
          + " state_dict with safetensors.torch.save_file instead)";
    }
    if ((lengthField.get(0) & 0xff) == 0x80 && lengthField.get(1) >= 2 && lengthField.get(1) <= 5) {
      return "it is a Python pickle, as torch.save wrote before"
          + " PyTorch 1.6 (save the state_dict with safetensors.torch.save_file instead)";
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < Long.BYTES; i++) {
      int b = lengthField.get(i) & 0xff;
      if (b == '\t' || b == '\n' || b == '\r') {
        text.append(' ');
      } else if (b >= 0x20 && b < 0x7f) {
        text.append((char) b);
      } else {
        // Only a length of 2³² or more is evidence; a smaller one may be a file cut short (or an
        // outsized header), which its own message says.
        return lengthField.getInt(4) != 0 ? "it begins with the bytes "
            + hex(lengthField) : "";
      }
    }
    return "it begins with the text \"" + text + "\"";
  }

  /** The length field's bytes as hex pairs, e.g. {@code 89 50 4e 47 0d 0a 1a 0a} (a PNG image). */
  private static String hex(ByteBuffer lengthField) {
    StringBuilder bytes = new StringBuilder();
    for (int i = 0; i < Long.BYTES; i++) {
      bytes.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT,
          "%02x", lengthField.get(i) & 0xff));
    }
    return bytes.toString();
  }

  private static Validated validate(ByteSource source) throws IOException {
    Parsed parsed = parse(source);
    return new Validated(parsed.header(), Layout.check(source.name(), parsed.header(),
        parsed.size() - parsed.dataStart()), parsed.dataStart());
  }

  private static Parsed parse(ByteSource source) throws IOException {
    String name = source.name();
    long size = source.size();
    if (size < Long.BYTES) {
      throw new CheckpointException(name, FILE_TOO_SHORT, "it has " + size + " bytes");
    }
    ByteBuffer lengthField = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    source.readFully(0, lengthField);
    long length = lengthField.getLong(0); // unsigned in the format: negative means >= 2^63
    if (length < 0 || length > SafeTensors.MAX_HEADER_BYTES) {
      throw refused(name, HEADER_TOO_LARGE, Long.toUnsignedString(length) + " bytes declared",
          lengthField);
    }
    if (length > size - Long.BYTES) {
      throw refused(name, HEADER_BEYOND_FILE, length + " bytes declared, "
          + (size - Long.BYTES) + " after the length field", lengthField);
    }
    byte[] headerBytes = new byte[(int) length];
    source.readFully(Long.BYTES, ByteBuffer.wrap(headerBytes));
    Header header = HeaderParser.parse(name, headerBytes);
    return new Parsed(header, Long.BYTES + length, size);
  }
}
