/** The smallest jME application that uses NeuroFrame. */
package io.neuroframe.examples;
