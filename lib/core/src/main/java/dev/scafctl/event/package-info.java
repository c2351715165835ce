/** Progress and log events the library emits instead of printing. */
package dev.scafctl.event;
