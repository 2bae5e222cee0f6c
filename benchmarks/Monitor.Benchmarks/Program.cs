using BenchmarkDotNet.Running;
using Monitor.Benchmarks;

// "verify FILE" compares p-values with scipy's; anything else goes to BenchmarkDotNet (e.g. --filter '*' --job short).
if (args.Length == 2 && args[0] == "verify")
{
    return PValueCheck.Run(args[1]);
}

BenchmarkSwitcher.FromAssembly(typeof(DriftData).Assembly).Run(args);
return 0;
