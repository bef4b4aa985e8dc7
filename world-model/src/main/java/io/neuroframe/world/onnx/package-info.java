/** The world model's step on ONNX Runtime, generated from checkpoint tensors. */
package io.neuroframe.world.onnx;
