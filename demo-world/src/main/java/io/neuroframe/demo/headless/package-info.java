/** Headless runs of the demo: scripted play, frame capture and frame-time reports. */
package io.neuroframe.demo.headless;
