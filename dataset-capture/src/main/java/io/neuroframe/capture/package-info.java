/**
 * What the dataset generators share to render jME frames into a dataset folder ({@code docs/dataset.md}): frame
 * read-back, the PNG and manifest writer, progress, the settings file, the common command-line options and the
 * resumable run around a generator's renderer.
 */
package io.neuroframe.capture;
