/** The data sets the example commands train on, split and standardised. */
package dev.chainrule.examples.data;
