/** The budget controller: a ladder of cheaper rungs with hysteresis that keeps each frame inside its latency budget. */
package io.neuroframe.render.budget;
