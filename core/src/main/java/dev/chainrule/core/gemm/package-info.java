/**
 * The GEMM seam: the interface every matrix product goes through, the plain-Java implementation
 * used by default (packed panels and a loop HotSpot vectorizes), EJML's kernels as an alternative,
 * and the switch that installs one. Another backend (a native BLAS) plugs in here without touching
 * the tensor code.
 */
package dev.chainrule.core.gemm;
