/** The engine-independent frame pipeline: source, adapter and decoder on worker threads, the decoded-frame triple buffer and fault handling. */
package io.neuroframe.render;
