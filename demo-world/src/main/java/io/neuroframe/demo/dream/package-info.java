/** The demo's dream view: the world model played with the keyboard and mouse. */
package io.neuroframe.demo.dream;
