"""Reads and writes safetensors files with PyTorch alone, for a PyTorch without the safetensors
package: Debian's python3-torch (1.13) has none, and Debian packages none.

The two functions take the arguments of safetensors.torch's load_file and save_file, so a script
written for that package runs with `from safetensors_io import load_file, save_file` instead:

    import sys; sys.path.insert(0, "examples/pytorch")
    from safetensors_io import load_file, load_metadata, save_file

    state = load_file("iris.safetensors")                  # a chainrule checkpoint
    state = {k: v for k, v in state.items() if not k.startswith("optimizer.")}
    model.load_state_dict(state)                           # the program's files hold its state
    description = load_metadata("iris.safetensors").get("chainrule.model")  # JSON, or None
    save_file(model.state_dict(), "from-torch.safetensors")  # chainrule's ModelCheckpoint.load

The format, from its specification: an 8-byte little-endian header length, a JSON header naming
each tensor's dtype, shape and byte offsets within the data that follows (and an optional
"__metadata__" of strings), then the data, every value little-endian. Written from that
description for chainrule; it reads every type chainrule writes (F64, F32, I64) and the common
ones PyTorch writes besides (F16, BF16, I32, I16, I8, U8, BOOL), and checks the layout as the
reference reader does (no name twice, each range its shape's size, the ranges tiling the data).
"""
import json
import sys

import torch

_TYPES = {
    "F64": torch.float64, "F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16,
    "I64": torch.int64, "I32": torch.int32, "I16": torch.int16, "I8": torch.int8,
    "U8": torch.uint8, "BOOL": torch.bool,
}
_NAMES = {dtype: name for name, dtype in _TYPES.items()}


def _require_little_endian():
    # The file's values are little-endian; torch reads and writes memory in the machine's order.
    if sys.byteorder != "little":
        raise RuntimeError("safetensors_io: this machine is big-endian; use the safetensors"
                           " package")


def _unique(pairs):
    # json.loads kept the last of two entries of one name without a word.
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise ValueError(f"the header names {key!r} twice")
    return dict(pairs)


def _header(data, path):
    if len(data) < 8:
        raise ValueError(f"{path}: {len(data)} bytes, shorter than the 8-byte header length:"
                         " not a safetensors file")
    length = int.from_bytes(data[:8], "little")
    if length > len(data) - 8:
        raise ValueError(f"{path}: the header length {length} runs past the file's"
                         f" {len(data)} bytes: not a safetensors file")
    if not data[8:8 + length].startswith(b"{"):
        raise ValueError(f"{path}: the header does not begin with '{{': not a safetensors file")
    try:
        header = json.loads(data[8:8 + length].decode("utf-8"), object_pairs_hook=_unique)
    except ValueError as e:
        raise ValueError(f"{path}: {e}") from e
    if not isinstance(header, dict):
        raise ValueError(f"{path}: the header is not a JSON object")
    return header, 8 + length


def _whole(value):
    return type(value) is int and value >= 0


def _check_layout(header, data_bytes, path):
    """The reference reader's rules, which reading byte ranges alone does not enforce: a negative
    offset read the header's bytes as a tensor's, and overlapping, missing or extra bytes went
    unnoticed. Each tensor's range holds its shape times its element size, and the ranges tile the
    data from its first byte to the end of the file."""
    spans = []
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if not isinstance(entry, dict) or set(entry) != {"dtype", "shape", "data_offsets"}:
            raise ValueError(f"{path}: tensor {name!r} is not {{dtype, shape, data_offsets}}")
        shape, offsets = entry["shape"], entry["data_offsets"]
        if not isinstance(shape, list) or not all(_whole(d) for d in shape):
            raise ValueError(f"{path}: tensor {name!r} has shape {shape!r}, not sizes >= 0")
        if (not isinstance(offsets, list) or len(offsets) != 2 or not all(map(_whole, offsets))
                or offsets[0] > offsets[1]):
            raise ValueError(f"{path}: tensor {name!r} has data_offsets {offsets!r}, not"
                             " [begin, end] with 0 <= begin <= end")
        dtype = _TYPES.get(entry["dtype"])
        if dtype is not None:
            count = 1
            for d in shape:
                count *= d
            need = count * torch.empty((), dtype=dtype).element_size()
            if offsets[1] - offsets[0] != need:
                raise ValueError(f"{path}: tensor {name!r}: shape {shape} of {entry['dtype']}"
                                 f" needs {need} bytes, data_offsets {offsets} hold"
                                 f" {offsets[1] - offsets[0]}")
        spans.append((offsets[0], offsets[1], name))
    expected = 0
    for begin, end, name in sorted(spans):
        if begin != expected:
            raise ValueError(f"{path}: tensor {name!r} begins at byte {begin} of the data, where"
                             f" the tensors before it end at {expected} (a gap or an overlap)")
        expected = end
    if expected != data_bytes:
        raise ValueError(f"{path}: the tensors take {expected} bytes, the file has {data_bytes}"
                         " after the header")


def load_metadata(path):
    """The file's string metadata (chainrule's model description is "chainrule.model")."""
    with open(path, "rb") as f:
        data = f.read()
    # null reads as none, as in the reference reader and chainrule's
    return dict(_header(data, path)[0].get("__metadata__") or {})


def load_file(path, device="cpu"):
    """Every tensor of the file by name, in the file's types, as safetensors.torch.load_file."""
    _require_little_endian()
    with open(path, "rb") as f:
        data = f.read()
    header, start = _header(data, path)
    _check_layout(header, len(data) - start, path)
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        dtype = _TYPES.get(entry["dtype"])
        if dtype is None:
            raise ValueError(f"{path}: tensor {name!r} has dtype {entry['dtype']}, which"
                             f" safetensors_io does not read ({', '.join(_TYPES)})")
        first, end = entry["data_offsets"]
        raw = bytearray(data[start + first:start + end])
        flat = (torch.frombuffer(raw, dtype=dtype) if raw
                else torch.empty(0, dtype=dtype))
        tensors[name] = flat.reshape(entry["shape"]).to(device)
    return tensors


def save_file(tensors, path, metadata=None):
    """Writes tensors by name (and string metadata), as safetensors.torch.save_file."""
    _require_little_endian()
    header, chunks, offset = {}, [], 0
    for name, tensor in tensors.items():
        if tensor.dtype not in _NAMES:
            raise ValueError(f"safetensors_io: tensor {name!r} has dtype {tensor.dtype}, which"
                             " it does not write")
        flat = tensor.detach().to("cpu").contiguous().reshape(-1)
        raw = flat.view(torch.uint8).numpy().tobytes()
        header[name] = {"dtype": _NAMES[tensor.dtype], "shape": list(tensor.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)  # the specification's padding: data starts 8-aligned
    with open(path, "wb") as f:
        f.write(len(text).to_bytes(8, "little") + text + b"".join(chunks))
