package io.glustershares.it.estate;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.StoreScope;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one estate of the test JVM, shared by every integration test: built at the first test class
 * that uses it, torn down when the JUnit launcher session (the test JVM's run) ends (and checked:
 * anything left fails the run). Where no estate can be built the tests are skipped with the reason
 * on the console, unless {@value #REQUIRE_VARIABLE}=1 ({@code .ci/run}), where that is a failure.
 * Tests take it as an {@link Estate} parameter.
 */
public final class EstateExtension implements BeforeAllCallback, ParameterResolver {

  public static final String REQUIRE_VARIABLE = "GLUSTER_SHARES_REQUIRE_REAL";

  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(EstateExtension.class);

  /** The shared estate; closing it (at the end of the JUnit run) tears it down. */
  static final class Shared implements AutoCloseable {
    private Estate estate;
    private String problem;

    synchronized Estate get() {
      if (estate == null && problem == null) {
        Optional<String> why = Availability.problem();
        if (why.isPresent()) {
          problem = why.get();
          System.out.println("[estate] cannot build the test estate: " + problem);
        } else {
          try {
            estate = Estate.up();
          } catch (RuntimeException e) {
            problem = "building it failed: " + e.getMessage();
            System.out.println("[estate] " + problem);
            throw e;
          }
        }
      }
      if (estate == null) {
        if ("1".equals(System.getenv(REQUIRE_VARIABLE))) {
          throw new AssertionError(
              "the real gluster estate is required here ("
                  + REQUIRE_VARIABLE
                  + "=1) but "
                  + problem);
        }
        Assumptions.abort("integration test skipped: no test estate (" + problem + ")");
      }
      return estate;
    }

    @Override
    public synchronized void close() {
      if (estate != null) {
        List<String> left = estate.down();
        if (!left.isEmpty()) {
          throw new AssertionError("the estate's tear-down left things behind: " + left);
        }
      }
    }
  }

  /** The shared estate, building it on first use (or skipping/failing the test). */
  public static Estate shared(ExtensionContext context) {
    // The launcher session's store, not the root context's: failsafe with forkCount > 1 hands each
    // fork its classes one execution request at a time, and a root store would build and tear
    // down an estate per class. The session lasts as long as the fork.
    return context
        .getStore(StoreScope.LAUNCHER_SESSION, STORE)
        .getOrComputeIfAbsent(Shared.class)
        .get();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    shared(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Estate.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return shared(context);
  }
}
