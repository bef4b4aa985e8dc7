/** Codec backends (ONNX Runtime, DJL, plain Java) found through {@link java.util.ServiceLoader} with a rank and the {@code neuroframe.backend} system property. */
package io.neuroframe.codec.backend;
