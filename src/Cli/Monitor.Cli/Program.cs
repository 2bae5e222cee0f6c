using System.CommandLine;

namespace Monitor.Cli;

/// <summary>The <c>monitor</c> command line: each subcommand lives in its own file and is registered here in one line.</summary>
public static class Program
{
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("Monitor: watch machine-learning models in production");
        root.Subcommands.Add(DriftCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(ApiKeyCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        return root;
    }

    public static Task<int> Main(string[] args) => CreateRootCommand().Parse(args).InvokeAsync();
}
