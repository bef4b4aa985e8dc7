/** JMH benchmarks of every frame stage ({@code ./neuroframe bench}). */
package io.neuroframe.perf.bench;
