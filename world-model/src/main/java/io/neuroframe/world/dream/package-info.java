/** Dream mode: a latent source driven by the world model and the player's actions. */
package io.neuroframe.world.dream;
