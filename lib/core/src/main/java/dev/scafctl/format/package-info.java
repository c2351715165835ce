/** JSON and YAML reading and writing with the tool's limits; conversion to plain Java values; sizes as people read them. */
package dev.scafctl.format;
