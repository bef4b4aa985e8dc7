/** Multi-electrode-array geometry and the stimulation encoding of latents. */
package io.neuroframe.adapter.mea;
