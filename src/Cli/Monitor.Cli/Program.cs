using System.CommandLine;
using Monitor.Cli;

var root = new RootCommand("Monitor: watch machine-learning models in production")
{
    SimulateCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
