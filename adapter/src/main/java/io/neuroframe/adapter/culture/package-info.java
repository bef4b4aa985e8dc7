/** Simulated neuron cultures on a multi-electrode array, stimulated in silico to make recorded libraries. */
package io.neuroframe.adapter.culture;
