/**
 * File primitives the rest relies on: atomic writes with an explicit mode and durable renames for
 * crash safety, sweeping what killed writers left, telling a full disk from other write failures,
 * and bounded reads for hostile input.
 */
package dev.scafctl.io;
