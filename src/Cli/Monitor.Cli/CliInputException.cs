namespace Monitor.Cli;

/// <summary>Input the user must fix (a missing file, a bad value); reported as one line and exit code 1.</summary>
public sealed class CliInputException(string message) : Exception(message);
