/** The demo's neural view: the plugin over the game's own render. */
package io.neuroframe.demo.neural;
