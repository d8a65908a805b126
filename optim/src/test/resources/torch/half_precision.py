"""The files and results PyTorchHalfPrecisionTest expects: a model PyTorch 1.13 saved in float16 and
bfloat16, and what PyTorch computes once it loads each into a float32 and a float64 model.

Run in this folder: /usr/bin/python3 half_precision.py
It writes tanh_4_16_3_f16.safetensors, tanh_4_16_3_bf16.safetensors and half_precision.json.

The model is Sequential(Linear(4, 16), Tanh(), Linear(16, 3)) with seed 0, one weight set to 3e-6
(a subnormal in float16: 50 x 2^-24) and one to -0.0, so the files hold those cases too; then
model.half() and model.to(torch.bfloat16) round every value to nearest. The safetensors package is
not installed, so the files are written by write_safetensors below, to the format's specification:
an 8-byte little-endian header length, a JSON header {name: {dtype, shape, data_offsets}} with
"__metadata__": {"format": "pt"} as safetensors.torch.save_file writes it, padded with spaces to
a multiple of 8 as safetensors pads it, then each tensor's raw little-endian bytes.

For each file, PyTorch loads the half-precision state_dict with load_state_dict(strict=True) into
a float32 and a float64 copy of the model (load_state_dict converts each value to the parameter's
type, exactly: every float16 and bfloat16 value is a float32) and records the logits, the mean
softmax cross-entropy and every parameter's gradient for one input, whose values are float32 (so
the float32 and float64 models see the same numbers).
"""
import json

import torch

FILE_TYPES = {torch.float16: "F16", torch.bfloat16: "BF16"}


def write_safetensors(path, tensors):
    header = {"__metadata__": {"format": "pt"}}
    data = bytearray()
    for name, t in tensors.items():
        raw = t.contiguous().view(torch.int16).numpy().astype("<i2").tobytes()
        header[name] = {"dtype": FILE_TYPES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(len(text).to_bytes(8, "little") + text + bytes(data))


def model():
    torch.manual_seed(0)
    m = torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.Tanh(), torch.nn.Linear(16, 3))
    with torch.no_grad():
        m[0].weight[0, 0] = 3e-6
        m[0].weight[1, 1] = -0.0
    return m


def results(state, dtype, x, labels):
    m = model().to(dtype)
    m.load_state_dict(state, strict=True)
    logits = m(x.to(dtype))
    loss = torch.nn.functional.cross_entropy(logits, labels)
    loss.backward()
    return {
        "logits": logits.tolist(),
        "mean_softmax_cross_entropy": loss.item(),
        "gradients": {name: p.grad.tolist() for name, p in m.named_parameters()},
    }


def main():
    generator = torch.Generator().manual_seed(1)
    x = torch.randn(7, 4, generator=generator)  # float32
    labels = torch.randint(0, 3, (7,), generator=generator)
    expected = {
        "note": "torch nn.Sequential; Linear weight is [out, in] and computes x @ weight.T + bias",
        "input": x.tolist(),
        "labels": labels.tolist(),
    }
    for half, suffix in [(torch.float16, "f16"), (torch.bfloat16, "bf16")]:
        state = model().to(half).state_dict()
        write_safetensors("tanh_4_16_3_%s.safetensors" % suffix, state)
        expected[suffix] = {"float32": results(state, torch.float32, x, labels),
                            "float64": results(state, torch.float64, x, labels)}
    with open("half_precision.json", "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
