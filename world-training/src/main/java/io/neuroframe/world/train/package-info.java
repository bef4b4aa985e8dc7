/** Training and evaluation of the world model on DJL, and their commands; tooling. */
package io.neuroframe.world.train;
