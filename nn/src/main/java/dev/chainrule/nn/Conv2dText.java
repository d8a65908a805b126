package dev.chainrule.nn;

import dev.chainrule.core.Conv2dOptions;

/**
 * The one-line description of a {@code Conv2d}, as its summary row and its place in the tree
 * text show it: the channels and the kernel, then only the settings that differ from PyTorch's
 * defaults, so that a plain layer reads {@code Conv2d(3 -> 8, kernel 5)}.
 */
final class Conv2dText {
  private Conv2dText() {}

  /** The description of a layer of these sizes and options. */
  static String of(int in, int out, int kernelHeight, int kernelWidth, Conv2dOptions o,
      boolean withBias) {
    StringBuilder text = new StringBuilder("Conv2d(" + in + " -> " + out
        + ", kernel " + pair(kernelHeight, kernelWidth));
    if (o.strideHeight() != 1 || o.strideWidth() != 1) {
      text.append(", stride ").append(pair(o.strideHeight(), o.strideWidth()));
    }
    if (o.paddingHeight() != 0 || o.paddingWidth() != 0) {
      text.append(", padding ").append(pair(o.paddingHeight(), o.paddingWidth()));
    }
    if (o.dilationHeight() != 1 || o.dilationWidth() != 1) {
      text.append(", dilation ").append(pair(o.dilationHeight(), o.dilationWidth()));
    }
    if (o.groups() != 1) {
      text.append(", groups ").append(o.groups());
    }
    return text.append(withBias ? ")" : ", no bias)").toString();
  }

  /** One number for a square setting, (height, width) otherwise. */
  private static String pair(int height, int width) {
    return height == width ? Integer.toString(height) : "(" + height + ", " + width + ")";
  }
}
