package io.glustershares.gluster;

import com.hierynomus.sshj.transport.verification.KnownHostMatchers;
import java.io.IOException;
import java.util.Locale;

/**
 * Whether the host field of a known_hosts line names a host, exactly as OpenSSH decides it ({@code
 * match_hostname} in match.c, {@code match_maybe_hashed} in hostfile.c): a field starting with
 * {@code |} is one hashed name; otherwise a comma-separated list of patterns where {@code *} and
 * {@code ?} are wildcards, matching ignores case, and a matching {@code !pattern} excludes the host
 * whatever else matches.
 *
 * <p>sshj's own matchers differ where it matters for security: they compare case-sensitively (so
 * {@code Gluster-1} in the file left {@code gluster-1} "unknown", and accept-new would append an
 * attacker's key), a lone {@code !pattern} matches every other host, and wildcards are turned into
 * a regex without escaping. Only sshj's hashed-name check is used here.
 */
final class HostPatterns {

  private HostPatterns() {}

  /**
   * @param field the host field of a known_hosts line
   * @param host {@code host} or, for a port other than 22, {@code [host]:port}
   */
  static boolean matches(String field, String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (field.startsWith("|")) {
      return hashedMatches(field, name);
    }
    boolean positive = false;
    for (String pattern : field.split(",", -1)) {
      boolean negated = pattern.startsWith("!");
      String glob = (negated ? pattern.substring(1) : pattern).toLowerCase(Locale.ROOT);
      if (glob(glob, name)) {
        if (negated) {
          return false;
        }
        positive = true;
      }
    }
    return positive;
  }

  private static boolean hashedMatches(String field, String name) {
    // OpenSSH reads the whole field as one hash; a comma cannot occur in a valid one.
    if (!field.startsWith("|1|") || field.contains(",")) {
      return false;
    }
    try {
      return KnownHostMatchers.createMatcher(field).match(name);
    } catch (IOException e) {
      return false; // a malformed hash (sshj's SSHException): ssh skips the line
    }
  }

  /**
   * {@code *} matches any run of characters, {@code ?} any one; nothing else is special. Iterative,
   * with one backtrack point, so it takes time proportional to the product of the lengths at worst
   * (OpenSSH's recursive version can take exponential time on many stars).
   */
  static boolean glob(String pattern, String text) {
    int p = 0;
    int t = 0;
    int star = -1;
    int resume = 0;
    while (t < text.length()) {
      if (p < pattern.length()
          && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        resume = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
