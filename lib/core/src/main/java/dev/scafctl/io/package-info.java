/** File primitives the rest relies on: atomic writes and durable renames for crash safety, bounded reads for hostile input. */
package dev.scafctl.io;
