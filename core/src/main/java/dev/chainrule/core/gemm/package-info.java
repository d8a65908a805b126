/**
 * The GEMM seam: {@code C ← α·op(A)·op(B) + β·C} in float64 and float32 on windows of the tensors'
 * own arrays ({@code MatrixBlockF64}, {@code MatrixBlockF32}), and its backends: the plain-Java
 * kernel (packed panels and loops HotSpot vectorizes; its float32 twin generated from the float64
 * template; with the Vector API's module, register-blocked kernels on it), EJML, the system's
 * optimized BLAS through netlib's JNI binding, and {@code VectorFirstGemm}, which shares products
 * between that BLAS and the Vector API kernels. {@code GemmBackend} chooses one per process
 * (native where an optimized BLAS loads, else Java; {@code VectorFirstGemm} instead where
 * {@code OPENBLAS_CORETYPE} holds OpenBLAS below the processor's AVX-512 and the JVM's vectors are
 * 512 bits; {@code -Dchainrule.gemm=java|ejml|native} overrides) and says which and why;
 * {@code BlasLibrary} tells OpenBLAS, BLIS and MKL from the reference BLAS that Debian installs
 * under the same name.
 */
package dev.chainrule.core.gemm;
