/** File primitives the rest relies on for crash safety: atomic writes and durable renames. */
package dev.scafctl.io;
