/** ONNX Runtime's profiler on the codec's decoders: time per operator type and the fusions that fired ({@code ./neuroframe bench --profile}). */
package io.neuroframe.perf.profile;
