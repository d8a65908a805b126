/**
 * Checkpoints as safetensors files: {@link dev.chainrule.optim.checkpoint.SafeTensors} writes an
 * ordered map of named tensors plus string metadata atomically (as F64, F32 and I64) and reads it
 * back (or any safetensors file written by PyTorch or Hugging Face tools: F16, BF16, F8_E4M3 and
 * F8_E5M2 read as float32, exactly; I64, the other integer types and BOOL as float64, I64 and
 * U64 exact to 2^53) as a
 * {@link dev.chainrule.optim.checkpoint.Checkpoint}, validating the file strictly: a damaged or
 * hostile file fails with a {@link dev.chainrule.optim.checkpoint.CheckpointException} that names
 * the broken rule, never with an unrelated exception or an out-of-memory error. A file is an 8-byte
 * little-endian header length, a JSON header (names to dtype, shape and byte range, and an optional
 * {@code __metadata__} object) and the tensors' bytes, contiguous, to the end of the file. This
 * layer knows tensors and names only: mapping a model's parameters or an optimizer's state onto
 * names is the job of the code that calls it.
 */
package dev.chainrule.optim.checkpoint;
