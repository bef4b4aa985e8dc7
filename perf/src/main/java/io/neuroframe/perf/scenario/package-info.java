/** Frame-time scenarios over real work: recordings replayed through a real decoder. */
package io.neuroframe.perf.scenario;
