/** First-person player: controls, collision, breaking and placing blocks. */
package io.neuroframe.demo.player;
