/** Training of adapters through the frozen decoder, the latent oracle, and ONNX export of trained adapters. */
package io.neuroframe.adapter.train;
