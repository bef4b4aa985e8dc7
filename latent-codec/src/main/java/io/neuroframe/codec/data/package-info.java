/** The frame dataset format: JSONL manifests, splits, camera poses and planar RGB image I/O. */
package io.neuroframe.codec.data;
