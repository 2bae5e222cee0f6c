namespace Monitor.Testing.Calibration;

/// <summary>Seeded draws for simulations (System.Random's seeded sequence is fixed across runtimes).</summary>
public sealed class SeededRandom(int seed)
{
    private readonly Random _random = new(seed);

    public double Uniform() => _random.NextDouble();

    public int Integer(int below) => _random.Next(below);

    public double Normal()
    {
        // Box-Muller; 1 - U keeps the logarithm finite.
        double u = 1.0 - _random.NextDouble();
        double v = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    public int Poisson(double mean)
    {
        // Knuth's product of uniforms: fine for the small means simulated here.
        double limit = Math.Exp(-mean), product = _random.NextDouble();
        int k = 0;
        while (product > limit)
        {
            k++;
            product *= _random.NextDouble();
        }

        return k;
    }

    public int Categorical(ReadOnlySpan<double> probabilities)
    {
        double u = _random.NextDouble(), sum = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            sum += probabilities[i];
            if (u < sum)
            {
                return i;
            }
        }

        return probabilities.Length - 1;
    }

    /// <summary>A random permutation of 0..n-1 (Fisher-Yates).</summary>
    public int[] Permutation(int n)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        for (int i = n - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
