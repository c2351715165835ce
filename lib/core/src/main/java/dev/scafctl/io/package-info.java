/**
 * File primitives the rest relies on for crash safety: atomic writes with an explicit mode, durable
 * renames, sweeping what killed writers left, and telling a full disk from other write failures.
 */
package dev.scafctl.io;
