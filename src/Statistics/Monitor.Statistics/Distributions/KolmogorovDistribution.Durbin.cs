namespace Monitor.Statistics;

/// <summary>Durbin's matrix method for P(D_n &lt;= d) (Marsaglia, Tsang and Wang 2003).</summary>
internal static partial class KolmogorovDistribution
{
    /// <summary>P(D_n &lt;= d) by Durbin's matrix: the k-th diagonal entry of H^n times n!/n^n, scaled as it grows.</summary>
    private static double DurbinMatrix(int n, double d)
    {
        if (d >= 1.0)
        {
            return 1.0;
        }

        double nd = n * d;
        if (nd <= 0.5)
        {
            return 0.0;
        }

        int k = (int)Math.Ceiling(nd);
        double h = k - nd;
        int m = 2 * k - 1;

        var v = new double[m];
        var w = new double[m];
        double fac = 1.0;
        for (int j = 1; j <= m; j++)
        {
            v[j - 1] = 1.0 - Math.Pow(h, j);
            w[j - 1] = fac;
            fac /= j;
            v[j - 1] *= fac;
        }

        double tt = Math.Pow(Math.Max(2 * h - 1.0, 0), m) - 2 * Math.Pow(h, m);
        v[m - 1] = (1.0 + tt) * fac;

        var hMatrix = new double[m * m];
        for (int i = 1; i < m; i++)
        {
            for (int r = i - 1; r < m; r++)
            {
                hMatrix[r * m + i] = w[r - i + 1];
            }
        }

        for (int r = 0; r < m; r++)
        {
            hMatrix[r * m] = v[r];
        }

        for (int c = 0; c < m; c++)
        {
            hMatrix[(m - 1) * m + c] = v[m - 1 - c];
        }

        var power = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            power[i * m + i] = 1.0;
        }

        var product = new double[m * m];
        int nn = n;
        int exponent = 0;
        int hExponent = 0;
        while (nn > 0)
        {
            if ((nn & 1) != 0)
            {
                Multiply(power, hMatrix, product, m);
                (power, product) = (product, power);
                exponent += hExponent;
            }

            Multiply(hMatrix, hMatrix, product, m);
            (hMatrix, product) = (product, hMatrix);
            hExponent *= 2;
            if (Math.Abs(hMatrix[(k - 1) * m + (k - 1)]) > Big)
            {
                for (int i = 0; i < hMatrix.Length; i++)
                {
                    hMatrix[i] /= Big;
                }

                hExponent += Scale;
            }

            nn /= 2;
        }

        double p = power[(k - 1) * m + (k - 1)];
        for (int i = 1; i <= n; i++)
        {
            p = i * p / n;
            if (Math.Abs(p) < Small)
            {
                p *= Big;
                exponent -= Scale;
            }
        }

        if (exponent != 0)
        {
            p = Math.ScaleB(p, exponent);
        }

        return Math.Clamp(p, 0, 1);
    }

    private static void Multiply(double[] a, double[] b, double[] result, int m)
    {
        Array.Clear(result);
        for (int i = 0; i < m; i++)
        {
            int rowA = i * m;
            for (int k = 0; k < m; k++)
            {
                double aik = a[rowA + k];
                if (aik == 0)
                {
                    continue;
                }

                int rowB = k * m;
                for (int j = 0; j < m; j++)
                {
                    result[rowA + j] += aik * b[rowB + j];
                }
            }
        }
    }
}
