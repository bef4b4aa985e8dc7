/** Reading and writing safetensors files (F32, F16, BF16), the format of every model file. */
package io.neuroframe.codec.safetensors;
