/** Frame hand-off between threads without allocation: triple buffers, RGBA8 packing and row order. */
package io.neuroframe.api.frame;
