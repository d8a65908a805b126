/**
 * The GEMM seam: the interface every matrix product goes through, the EJML implementation used by
 * default, and the switch that installs another. A faster backend (a blocked Java kernel, a native
 * BLAS) plugs in here without touching the tensor code.
 */
package dev.chainrule.core.gemm;
