package io.tastemaker.core.kernel;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Picks the matrix kernels: a plugged-in implementation that works here, or the scalar one. */
final class KernelLoader {
  private KernelLoader() {}

  static MatrixKernels load() {
    if (!Boolean.parseBoolean(System.getProperty("tastemaker.simd", "true"))) {
      return new ScalarKernels();
    }
    try {
      for (MatrixKernels kernels : ServiceLoader.load(MatrixKernels.class)) {
        return kernels;
      }
    } catch (ServiceConfigurationError | LinkageError e) {
      // The provider needs jdk.incubator.vector, which this JVM was not started with.
    }
    return new ScalarKernels();
  }
}
