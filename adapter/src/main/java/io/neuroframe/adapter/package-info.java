/** The bio-derived latent adapter: the adapter itself, its parameter-matched controls and readout. */
package io.neuroframe.adapter;
