/** Latent sources that need no engine: the encoder loopback, recordings and their replay. */
package io.neuroframe.render.source;
