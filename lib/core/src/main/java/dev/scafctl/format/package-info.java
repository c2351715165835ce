/**
 * JSON and YAML reading and writing with the tool's limits; conversion to plain Java values; sizes
 * as people read them; changes to a YAML file that leave the rest of its text as written.
 */
package dev.scafctl.format;
