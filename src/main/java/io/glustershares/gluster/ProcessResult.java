package io.glustershares.gluster;

import java.time.Duration;

/** What one command did: its exit code and everything it printed. */
public record ProcessResult(int exitCode, String stdout, String stderr, Duration elapsed) {}
