package io.tastemaker.core.transformer;

/** The eigenpairs of a small symmetric matrix by cyclic Jacobi rotations (Golub and Van Loan, 8.5). */
final class Jacobi {
  private static final int MAX_SWEEPS = 100;

  private Jacobi() {}

  /**
   * Returns the eigenvalues of the symmetric {@code matrix} (which is left as it was) and writes the
   * matching unit eigenvectors into the columns of {@code vectors}, in the same order.
   */
  static double[] eigen(double[][] matrix, double[][] vectors) {
    int n = matrix.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = matrix[i].clone();
      java.util.Arrays.fill(vectors[i], 0);
      vectors[i][i] = 1;
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      double all = 0;
      for (int p = 0; p < n; p++) {
        for (int q = 0; q < n; q++) {
          all += a[p][q] * a[p][q];
          if (p != q) {
            off += a[p][q] * a[p][q];
          }
        }
      }
      if (off <= 1e-24 * Math.max(all, Double.MIN_NORMAL)) {
        break;
      }
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          if (a[p][q] != 0) {
            rotate(a, vectors, p, q);
          }
        }
      }
    }
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = a[i][i];
    }
    return values;
  }

  /** One rotation in the (p, q) plane that zeroes a[p][q]. */
  private static void rotate(double[][] a, double[][] v, int p, int q) {
    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    if (theta == 0) {
      t = 1;
    }
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    int n = a.length;
    for (int k = 0; k < n; k++) {
      double akp = a[k][p];
      double akq = a[k][q];
      a[k][p] = c * akp - s * akq;
      a[k][q] = s * akp + c * akq;
    }
    for (int k = 0; k < n; k++) {
      double apk = a[p][k];
      double aqk = a[q][k];
      a[p][k] = c * apk - s * aqk;
      a[q][k] = s * apk + c * aqk;
    }
    for (int k = 0; k < n; k++) {
      double vkp = v[k][p];
      double vkq = v[k][q];
      v[k][p] = c * vkp - s * vkq;
      v[k][q] = s * vkp + c * vkq;
    }
  }
}
