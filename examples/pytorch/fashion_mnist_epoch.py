"""PyTorch's run of `java -jar chainrule.jar fashion-mnist --epochs 1 [--dtype float64]`, for the
README's memory row: the same data, network and settings, and the process's peak RSS.

    /usr/bin/time -v python3 examples/pytorch/fashion_mnist_epoch.py [--dtype float32|float64] \\
        [--data DIR] [--limit N] [--pixels-in-dtype] [--json]

The program's defaults (FashionMnistCommand.defaults()): a 784-256-128-10 ReLU network, Adam at
lr 0.001, shuffled batches of 128, softmax cross-entropy, float32; no rows held out, so after the
epoch the trainer scores the test set (loss and accuracy) and the program predicts it again for
its accuracy, 64 rows at a time without a graph (Evaluation.CHUNK_ROWS). The program keeps the
images as the files' bytes and converts a batch at a time to the run's type (IdxReader.readDataset,
Dataset.ownedUnsignedBytes), as torchvision's datasets do; so does this script, unless
--pixels-in-dtype holds all 60,000 images in the type at once (188 MB in float32, 376 in float64).
The weights start from PyTorch's own initialization: the memory and the time do not depend on it.

It prints the accuracy, the epoch's seconds and the peak RSS (getrusage's ru_maxrss, the figure
`/usr/bin/time -v` calls "Maximum resident set size"), then with --json a line of JSON. --limit N
trains on the first N images only, as the program's --limit (the test set stays whole), for a
quick check. Debian's python3-torch (1.13) is enough.
"""
import argparse
import gzip
import json
import os
import resource
import struct
import time

import torch

CHUNK_ROWS = 64


def read_idx(path):
    """An IDX file's contents as uint8: images [N, rows * columns], labels [N].

    Read once into a buffer of the data's size, as the program reads it: reading the whole
    file and slicing off its header held three copies of the 47 MB of pixels at once."""
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        magic, count = struct.unpack(">II", f.read(8))
        if magic not in (0x801, 0x803):
            raise SystemExit(f"fashion_mnist_epoch: {path} is not an IDX file (magic {magic:#x})")
        width = 1
        if magic == 0x803:
            rows, cols = struct.unpack(">II", f.read(8))
            width = rows * cols
        data = bytearray(count * width)
        view, read = memoryview(data), 0
        while read < len(data):  # a megabyte at a time: a whole read makes a second copy
            step = f.readinto(view[read:read + (1 << 20)])
            if not step:
                break
            read += step
        if read != len(data):
            raise SystemExit(f"fashion_mnist_epoch: {path} is shorter than its header says")
    tensor = torch.frombuffer(data, dtype=torch.uint8)
    return tensor.reshape(count, width) if magic == 0x803 else tensor


def idx_file(folder, name):
    """The gzip file, or the raw one, as the program looks for them."""
    for candidate in (os.path.join(folder, name + ".gz"), os.path.join(folder, name)):
        if os.path.isfile(candidate):
            return candidate
    raise SystemExit(f"fashion_mnist_epoch: no {name}[.gz] in {folder}")


def load(folder, prefix, dtype, in_dtype):
    """Pixels (uint8, or in `dtype` scaled to [0, 1] with `in_dtype`) and int64 labels."""
    images = read_idx(idx_file(folder, prefix + "-images-idx3-ubyte"))
    labels = read_idx(idx_file(folder, prefix + "-labels-idx1-ubyte")).long()
    return (images.to(dtype).div_(255) if in_dtype else images), labels


def rows(images, indices, dtype):
    """A batch's features in `dtype`, converted from bytes here unless already converted."""
    batch = images[indices]
    return batch if batch.dtype == dtype else batch.to(dtype) / 255


def predict(model, images, dtype):
    """The model's outputs for every row, CHUNK_ROWS at a time, without a graph."""
    with torch.no_grad():
        return torch.cat([model(rows(images, slice(start, start + CHUNK_ROWS), dtype))
                          for start in range(0, images.shape[0], CHUNK_ROWS)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--dtype", choices=("float32", "float64"), default="float32")
    parser.add_argument("--limit", type=int, help="train on the first N images only")
    parser.add_argument("--pixels-in-dtype", action="store_true",
                        help="hold the images in --dtype, not as bytes converted per batch")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.limit is not None and args.limit <= 0:
        parser.error(f"--limit must be positive, got {args.limit}")
    dtype = getattr(torch, args.dtype)
    train_x, train_y = load(args.data, "train", dtype, args.pixels_in_dtype)
    if args.limit is not None:
        train_x, train_y = train_x[:args.limit], train_y[:args.limit]
    test_x, test_y = load(args.data, "t10k", dtype, args.pixels_in_dtype)

    torch.manual_seed(42)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10)).to(dtype)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    start = time.perf_counter()
    order = torch.randperm(train_x.shape[0])
    for first in range(0, train_x.shape[0], 128):
        batch = order[first:first + 128]
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(model(rows(train_x, batch, dtype)),
                                          train_y[batch]).backward()
        optimizer.step()
    seconds = time.perf_counter() - start
    # The trainer's score of the watched rows (the test set), then the program's predictions.
    test_loss = torch.nn.functional.cross_entropy(predict(model, test_x, dtype), test_y).item()
    accuracy = (predict(model, test_x, dtype).argmax(1) == test_y).double().mean().item()

    figures = {
        "dtype": args.dtype,
        "pixels": args.dtype if args.pixels_in_dtype else "uint8, converted per batch",
        "train_samples": train_x.shape[0],
        "epoch_seconds": round(seconds, 3),
        "test_loss": round(test_loss, 4),
        "test_accuracy": round(accuracy, 4),
        "threads": torch.get_num_threads(),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if args.json:
        print(json.dumps({"torch_" + key: value for key, value in figures.items()}))
    else:
        print(f"fashion-mnist, 784-256-128-10 ReLU, {args.dtype}, Adam lr 0.001, batch 128, one"
              f" epoch of {figures['train_samples']:,} images ({figures['pixels']}) in"
              f" {seconds:.2f} s: test accuracy {accuracy:.4f}, test loss {test_loss:.4f};"
              f" peak RSS {figures['peak_rss_mib']:.1f} MiB")


if __name__ == "__main__":
    main()
