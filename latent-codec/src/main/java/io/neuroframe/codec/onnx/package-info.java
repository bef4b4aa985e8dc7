/** The ONNX Runtime backend: ONNX graphs generated from the codec's weights, sessions opened where the stack is large enough, zero-allocation encode and decode. */
package io.neuroframe.codec.onnx;
