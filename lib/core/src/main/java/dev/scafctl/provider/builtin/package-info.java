/** The built-in providers: static, parameter, env, file, exec and cel. */
package dev.scafctl.provider.builtin;
