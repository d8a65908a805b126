package dev.chainrule.optim.checkpoint;

import dev.chainrule.core.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.optim.report.PrintableText;
import java.util.Locale;
import java.util.Map;

/**
 * What a file's {@value StateLayout#FORMAT_KEY} metadata entry allows to load. chainrule reads
 * every tensor under PyTorch's names as PyTorch lays it out, so a tensor laid out otherwise under
 * those names loads transposed, without a word when its shape reads both ways. The values are
 * Hugging Face's, whose PyTorch loader accepts "pt", "tf", "flax" and "mlx" and refuses any
 * other:
 *
 * <ul>
 *   <li>"pt", or no entry (an older chainrule's file, {@code save_file} without metadata): loads;
 *   <li>"tf", "flax": refused, their dense kernels are [in, out] where PyTorch's weight is [out,
 *       in], and the whole file needs converting;
 *   <li>"mlx" ({@code mx.save_safetensors} always writes it): MLX's linear weight is [out, in]
 *       and its 1-D tensors are PyTorch's, so those load; its convolution weights are
 *       channels-last ([out, kH, kW, in] for a 2-D one, [out, k, in] for 1-D), so the file is
 *       refused when a tensor of three or more dimensions would load: with three input channels
 *       and 3×3 kernels it has PyTorch's shape and would load scrambled;
 *   <li>any other value: refused, as Hugging Face refuses it. Nothing says what layout its tensors
 *       are in (Paddle's linear weight is [in, out]), and a user porting the file knows better
 *       than a guess: {@link ModelCheckpoint#loadStateDict} loads the tensors of {@link
 *       SafeTensors#read} whatever the metadata says, once they are in PyTorch's layout.
 * </ul>
 */
final class DeclaredFormat {
  static final String MLX = "mlx";
  /**
   * How to load tensors that are PyTorch's layout under a format entry that says otherwise: for
   * the program's users a file edit, for a Java caller the load that reads no metadata.
   */
  private static final String ANYWAY = "set its \"format\" to \"pt\" to load them (in Java,"
      + " ModelCheckpoint.loadStateDict(model, SafeTensors.read(file).tensors()) loads them as"
      + " they are)";

  private DeclaredFormat() {}

  /**
   * Refuses a file whose format entry says its tensors for {@code model} are not in PyTorch's
   * layout, as the class describes.
   *
   * @param source the file's name, for the message
   * @param checkpoint the file's tensors and metadata
   * @param model the model it would load into
   * @throws IllegalArgumentException naming the file, its format and what to do
   */
  static void requireReadable(String source, Checkpoint checkpoint, Module model) {
    String format = checkpoint.metadata().get(StateLayout.FORMAT_KEY);
    if (format == null || format.equals(StateLayout.FORMAT_PT)) {
      return;
    }
    String says = String.format(Locale.ROOT, "%s: its metadata says \"%s\": \"%s\"", source,
        StateLayout.FORMAT_KEY, PrintableText.shortened(format));
    String convert = String.format(Locale.ROOT,
        "; convert the tensors to PyTorch's layout and names, and save"
        + " them with \"%s\": \"%s\"", StateLayout.FORMAT_KEY, StateLayout.FORMAT_PT);
    if (format.equals("tf") || format.equals("flax")) {
      throw new IllegalArgumentException(says + ", a layout other than PyTorch's, which chainrule"
          + " reads its tensors in (a TensorFlow or Flax kernel is [in, out], PyTorch's weight"
          + " [out, in])" + convert);
    }
    if (format.equals(MLX)) {
      Map<String, Tensor> expected = model.stateDict();
      checkpoint.tensors().forEach((name, t) -> {
        Tensor p = expected.get(name);
        if (t.rank() >= 3 && p != null && t.shape().equals(p.shape())) {
          throw new IllegalArgumentException(says + ", and " + PrintableText.shortened(name)
              + " " + t.shape() + " would load: MLX's convolution kernels are channels-last"
              + " ([out, kH, kW, in]; [out, k, in] in 1-D), PyTorch's [out, in, kH, kW], so a"
              + " tensor of three or more dimensions would load scrambled (MLX's linear weights,"
              + " [out, in] as PyTorch's, load as they are); if its tensors are PyTorch's layout"
              + " already, " + ANYWAY + "; otherwise" + convert.substring(1));
        }
      });
      return;
    }
    throw new IllegalArgumentException(says + ", a format chainrule does not know the layout of"
        + " (it reads \"" + StateLayout.FORMAT_PT + "\", PyTorch's, and \"" + MLX + "\" files"
        + " without convolutions); if the tensors are in PyTorch's layout, " + ANYWAY
        + "; otherwise" + convert.substring(1));
  }
}
