package dev.chainrule.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code double} in a float64 kernel template ({@code *F64.java}) that stays
 * {@code double} in the generated float32 twin: accumulators of sums and the scratch rows of
 * column sums, so that a float32 sum of millions of elements stays within an ulp of the exact sum
 * before it is rounded once to float. Written {@code @Wide double} (also {@code new @Wide
 * double[n]}); the generator, {@code core/build/GenerateFloat32.java}, leaves exactly those words
 * alone. It has no effect at run time.
 */
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE_USE)
public @interface Wide {}
