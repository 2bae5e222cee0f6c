using BenchmarkDotNet.Running;
using Monitor.Benchmarks;

// "verify FILE" compares p-values with scipy's; anything else goes to BenchmarkDotNet (e.g. --filter '*' --job short).
if (args.Length == 2 && args[0] == "verify")
{
    return PValueCheck.Run(args[1]);
}

// "join-cost" measures the join index per record (fastest of several passes).
if (args.Length == 1 && args[0] == "join-cost")
{
    return JoinIndexCost.Run();
}

// "drift-cost [rounds]" times the drift kernel as the fastest of many rounds (for a busy machine).
if (args.Length >= 1 && args[0] == "drift-cost")
{
    return DriftKernelCost.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200);
}

BenchmarkSwitcher.FromAssembly(typeof(DriftData).Assembly).Run(args);
return 0;
