/** JSON and YAML reading and writing with the tool's limits; conversion to plain Java values. */
package dev.scafctl.format;
