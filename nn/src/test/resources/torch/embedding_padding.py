"""Regenerates embedding_padding.txt, which PyTorchEmbeddingPaddingTest reads: PyTorch 1.13's
Embedding with padding_idx (2, and -1, which PyTorch takes as 5 of 6 rows), in float64 and
float32, from a given table whose padding row is not zero (Embedding.from_pretrained(weight,
freeze=False, padding_idx=k) keeps the table as given, so the lookup shows that the row is read).

Each case looks up indices [3, 4] that hold the padding index several times (and every other row
at least once, one of them twice), computes L = sum(G * y) + 0.5 * sum(y * y), runs backward, and
takes one torch.optim.SGD step (lr 0.1, weight_decay 0.5): the padding row's gradient is zero,
yet the step still shrinks it by lr * weight_decay. The file keeps the table, the indices, G, the
output y, the table's gradient and the table after the step.

    python3 embedding_padding.py > embedding_padding.txt

(where OpenBLAS's environment trips torch, run it under env -u OPENBLAS_CORETYPE -u
OPENBLAS_L2_SIZE). One tensor a line: 'case/name dims values', dims comma-separated, values in
Python's repr of the float64 value (a float32 value widens exactly).
"""
import torch

COUNT = 6
DIMENSION = 3
LEARNING_RATE = 0.1
WEIGHT_DECAY = 0.5
CASES = [
    # name, padding_idx, dtype, indices (each holds its padding row at least three times)
    ("pad2_float64", 2, torch.float64, [[2, 0, 2, 1], [5, 2, 4, 3], [2, 3, 0, 2]]),
    ("pad2_float32", 2, torch.float32, [[2, 0, 2, 1], [5, 2, 4, 3], [2, 3, 0, 2]]),
    ("pad_minus1_float64", -1, torch.float64, [[5, 1, 5, 0], [2, 5, 3, 4], [5, 5, 1, 2]]),
    ("pad_minus1_float32", -1, torch.float32, [[5, 1, 5, 0], [2, 5, 3, 4], [5, 5, 1, 2]]),
]


def line(key, t):
    t = t.detach().double()
    dims = ",".join(str(d) for d in t.shape)
    return key + " " + dims + " " + " ".join(repr(float(v)) for v in t.reshape(-1).tolist())


def run(name, padding_idx, dtype, indices, out):
    generator = torch.Generator().manual_seed(4321)
    table = torch.randn(COUNT, DIMENSION, generator=generator, dtype=torch.float64).to(dtype)
    index = torch.tensor(indices)
    g = torch.randn(list(index.shape) + [DIMENSION], generator=generator,
                    dtype=torch.float64).to(dtype)
    layer = torch.nn.Embedding.from_pretrained(table.clone(), freeze=False,
                                               padding_idx=padding_idx)
    row = padding_idx % COUNT
    assert layer.padding_idx == row
    assert layer.weight[row].abs().min() > 0, "the padding row is loaded, not zero"
    y = layer(index)
    loss = (g * y).sum() + 0.5 * (y * y).sum()
    loss.backward()
    grad = layer.weight.grad.clone()
    assert (grad[row] == 0).all()
    optimizer = torch.optim.SGD([layer.weight], lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
    optimizer.step()
    out += [line(name + "/weight", table), line(name + "/indices", index.double()),
            line(name + "/g", g), line(name + "/y", y), line(name + "/weight_grad", grad),
            line(name + "/weight_after_sgd", layer.weight)]


def main():
    out = ["# torch " + torch.__version__
           + ": python3 embedding_padding.py > embedding_padding.txt"]
    for name, padding_idx, dtype, indices in CASES:
        run(name, padding_idx, dtype, indices, out)
    # A layer PyTorch initialises: the padding row is zeros (its other rows are N(0, 1) draws,
    # which Java's generator does not reproduce, so only the zero row is compared).
    fresh = torch.nn.Embedding(COUNT, DIMENSION, padding_idx=-2)
    out.append(line("fresh_pad_minus2/padding_row", fresh.weight[fresh.padding_idx]))
    print("\n".join(out))


if __name__ == "__main__":
    main()
