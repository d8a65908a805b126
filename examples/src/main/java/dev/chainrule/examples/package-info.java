/**
 * The runnable chainrule program: {@link dev.chainrule.examples.Main} and its exit-code and error
 * conventions.
 */
package dev.chainrule.examples;
