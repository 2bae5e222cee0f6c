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

BenchmarkSwitcher.FromAssembly(typeof(DriftData).Assembly).Run(args);
return 0;
