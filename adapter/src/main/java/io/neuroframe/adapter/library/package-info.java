/** Recorded stimulation-response libraries in HDF5 and the import of MEA recordings. */
package io.neuroframe.adapter.library;
