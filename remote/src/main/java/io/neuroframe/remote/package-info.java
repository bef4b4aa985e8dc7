/** Remote serving over the Open Inference Protocol (KServe v2, gRPC): a remote world-model source with local fallback, a remote decoder, channels and their security rules. */
package io.neuroframe.remote;
