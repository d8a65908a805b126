"""The files and values MoreTypesInteropTest expects: tensors of the whole-number types, BOOL, the
8-bit floats and a type chainrule does not read (C64), and what PyTorch 1.13 makes of them.

Run in this folder: /usr/bin/python3 more_types.py
It writes more_types.safetensors, linear_int32_bool.safetensors, float8.safetensors and
more_types.json.

The safetensors package is not installed, so the files are written by write_safetensors below, to
the format's specification, as half_precision.py writes its files: an 8-byte little-endian header
length, a JSON header {name: {dtype, shape, data_offsets}} with "__metadata__": {"format": "pt"},
padded with spaces to a multiple of 8, then each tensor's raw little-endian bytes (NumPy's, which
are the tensor's own: torch.Tensor.numpy() shares them).

- more_types.safetensors: a state dict of PyTorch 1.13 tensors of every integer type it has (int8,
  int16, int32, int64, uint8), bool and complex64, each with its extremes, and of the unsigned
  types PyTorch 1.13 lacks (U16, U32, U64), made with NumPy. The JSON holds each tensor's values
  as PyTorch converts them to float64 (tensor.to(torch.float64)), which is exact for all of them.
- linear_int32_bool.safetensors: the state dict of a Sequential(Linear(5, 1)) whose weight is
  int32 (with values float32 rounds: 2^31 - 1 and 2^24 + 1) and whose bias is bool, beside a uint8
  table and a complex64 buffer the model does not have. PyTorch's load_state_dict(strict=False)
  loads it into a float32 and a float64 model, copying each value with conversion (copy_: an
  integer rounds to the nearest float32, True is 1.0) and reporting the two others as unexpected;
  the JSON holds the parameters it loaded and the keys it reported.
- float8.safetensors: the 256 bit patterns 0..255 as F8_E4M3 and as F8_E5M2 (PyTorch 1.13 has no
  8-bit float, so these are raw bytes). The JSON holds each pattern's value, computed here without
  chainrule's decoder: E5M2 as NumPy's float16 whose high byte the pattern is (E5M2 is the top
  byte of an IEEE binary16), E4M3 (the 'fn' variant: bias 7, no infinities, NaN = S.1111.111) by
  its formula, (-1)^s * 2^(e-7) * (1 + m/8), or 2^-6 * m/8 when e = 0.
Values are written as float.hex() strings, "nan" and "-nan" for NaNs, so that JSON keeps them
exactly.
"""
import json
import math

import numpy as np
import torch

FILE_TYPES = {torch.int8: "I8", torch.int16: "I16", torch.int32: "I32", torch.int64: "I64",
              torch.uint8: "U8", torch.bool: "BOOL", torch.complex64: "C64",
              torch.float32: "F32", np.dtype("uint16"): "U16", np.dtype("uint32"): "U32",
              np.dtype("uint64"): "U64"}


def raw(t):
    """Little-endian bytes and the file's type of a torch tensor or a NumPy array."""
    if isinstance(t, torch.Tensor):
        array = t.contiguous().numpy()
        dtype = FILE_TYPES[t.dtype]
    else:
        array = t
        dtype = FILE_TYPES[t.dtype]
    return array.astype(array.dtype.newbyteorder("<")).tobytes(), dtype, list(array.shape)


def write_safetensors(path, tensors, dtypes=None):
    header = {"__metadata__": {"format": "pt"}}
    data = bytearray()
    for name, t in tensors.items():
        b, dtype, shape = raw(t)
        if dtypes and name in dtypes:
            dtype = dtypes[name]
        header[name] = {"dtype": dtype, "shape": shape,
                        "data_offsets": [len(data), len(data) + len(b)]}
        data += b
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(len(text).to_bytes(8, "little") + text + bytes(data))


def exact(x):
    x = float(x)
    if math.isnan(x):
        return "-nan" if math.copysign(1, x) < 0 else "nan"
    return x.hex()


def more_types():
    i32 = torch.iinfo(torch.int32)
    state = {
        "i8": torch.tensor([-128, -1, 0, 127], dtype=torch.int8),
        "i16": torch.tensor([-32768, -1, 0, 32767], dtype=torch.int16),
        "i32": torch.tensor([[i32.min, -1], [16777217, i32.max]], dtype=torch.int32),
        "i64": torch.tensor([-(2 ** 53), 2 ** 53], dtype=torch.int64),
        "u8": torch.tensor([0, 1, 128, 255], dtype=torch.uint8),
        "mask": torch.tensor([[True, False, True]]),
        "u16": np.array([0, 1, 65535], dtype=np.uint16),
        "u32": np.array([0, 1, 2 ** 32 - 1], dtype=np.uint32),
        "u64": np.array([0, 2 ** 53], dtype=np.uint64),
        "phase": torch.tensor([1 + 2j, -0.5j], dtype=torch.complex64),
        "w": torch.tensor([0.5, -2.0]),
    }
    write_safetensors("more_types.safetensors", state)
    values = {}
    for name, t in state.items():
        if name == "phase":
            continue
        as_torch = t if isinstance(t, torch.Tensor) else torch.from_numpy(t.astype(np.float64))
        values[name] = [exact(v) for v in as_torch.to(torch.float64).flatten().tolist()]
    return {"values": values}


def linear():
    state = {
        "0.weight": torch.tensor([[2 ** 31 - 1, -(2 ** 31), 2 ** 24 + 1, -7, 0]],
                                 dtype=torch.int32),
        "0.bias": torch.tensor([True]),
        "table": torch.tensor([3, 250], dtype=torch.uint8),
        "phase": torch.tensor([1j], dtype=torch.complex64),
    }
    write_safetensors("linear_int32_bool.safetensors", state)
    loaded = {}
    for dtype in [torch.float32, torch.float64]:
        m = torch.nn.Sequential(torch.nn.Linear(5, 1)).to(dtype)
        result = m.load_state_dict(state, strict=False)
        loaded[str(dtype).replace("torch.", "")] = {
            "missing": result.missing_keys, "unexpected": result.unexpected_keys,
            "parameters": {n: [exact(v) for v in p.detach().flatten().tolist()]
                           for n, p in m.named_parameters()}}
    return loaded


def e4m3(b):
    sign = -1.0 if b & 0x80 else 1.0
    e, m = (b >> 3) & 0xF, b & 0x7
    if e == 0xF and m == 0x7:
        return math.copysign(math.nan, sign)
    if e == 0:
        return sign * 2.0 ** -6 * (m / 8)
    return sign * 2.0 ** (e - 7) * (1 + m / 8)


def float8():
    patterns = np.arange(256, dtype=np.uint8)
    write_safetensors("float8.safetensors", {"e4m3": patterns, "e5m2": patterns},
                      {"e4m3": "F8_E4M3", "e5m2": "F8_E5M2"})
    e5m2 = (patterns.astype(np.uint16) << 8).view(np.float16).astype(np.float64)
    return {"e4m3": [exact(e4m3(int(b))) for b in patterns],
            "e5m2": [exact(v) for v in e5m2]}


def main():
    FILE_TYPES[np.dtype("uint8")] = "U8"
    expected = {"torch": torch.__version__, "more_types": more_types(),
                "linear_int32_bool": linear(), "float8": float8()}
    with open("more_types.json", "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
