/** The dataset generator: scripted play in the demo world written as frames, actions and poses. */
package io.neuroframe.demo.dataset;
