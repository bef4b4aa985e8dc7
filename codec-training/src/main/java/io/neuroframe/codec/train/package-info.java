/** Training, distillation and evaluation of the codec models and their commands; tooling. */
package io.neuroframe.codec.train;
