/** Named tensors and the description of weight-file problems. */
package io.neuroframe.codec.weights;
