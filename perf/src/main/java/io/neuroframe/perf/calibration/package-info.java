/** Calibration of the machine's compute ceiling for the benchmarks' ratios. */
package io.neuroframe.perf.calibration;
