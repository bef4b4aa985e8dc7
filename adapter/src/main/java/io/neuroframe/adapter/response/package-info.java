/** Response models of the array: local kernels and recorded libraries. */
package io.neuroframe.adapter.response;
