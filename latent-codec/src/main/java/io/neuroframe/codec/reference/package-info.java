/** Plain-Java reference implementations of the codec, the arithmetic every backend is checked against. */
package io.neuroframe.codec.reference;
