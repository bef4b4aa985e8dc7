/** The DJL (PyTorch) backend of the codec and the PyTorch runtime settings; tooling, not needed by a game. */
package io.neuroframe.codec.djl;
