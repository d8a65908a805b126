/**
 * Data for training: a {@link dev.chainrule.optim.data.Dataset} of features and labels, split into
 * training and test parts ({@link dev.chainrule.optim.data.Split}, random or stratified), cut into
 * shuffled {@link dev.chainrule.optim.data.MiniBatches}, standardised with statistics of the
 * training part only ({@link dev.chainrule.optim.data.Standardizer}), and read from CSV text
 * ({@link dev.chainrule.optim.data.CsvReader}) or MNIST's IDX files ({@link
 * dev.chainrule.optim.data.IdxReader}). Every random choice takes an explicit seed, so a run can
 * be replayed exactly; readers are strict and throw {@link
 * dev.chainrule.optim.data.DataFormatException} naming the file, line and column of a fault.
 */
package dev.chainrule.optim.data;
