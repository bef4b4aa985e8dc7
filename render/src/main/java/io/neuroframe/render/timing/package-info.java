/** Per-stage timing: the stage clock, its ring buffers and statistics, and Chrome-trace export. */
package io.neuroframe.render.timing;
