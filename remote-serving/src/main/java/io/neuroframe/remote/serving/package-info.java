/** Exports a Triton Inference Server model repository (decoder, world step, adapter); tooling. */
package io.neuroframe.remote.serving;
