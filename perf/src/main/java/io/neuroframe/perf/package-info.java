/** The frame-time regression harness for JUnit 5 tests of your own project. */
package io.neuroframe.perf;
