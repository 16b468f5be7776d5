using Atss.Cli;

namespace Atss.Cli.Tests;

/// <summary>The outcome of one in-process run of the tool.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>A stack trace line, which the tool must never print for bad input.</summary>
    public bool HasStackTrace => Stderr.Contains("   at ", StringComparison.Ordinal) || Stdout.Contains("   at ", StringComparison.Ordinal);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs <see cref="Program.Run(string[], TextWriter, TextWriter)"/> with captured output.</summary>
public static class CliRunner
{
    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exitCode = Program.Run(args, stdout, stderr);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs and asserts success, showing the output when it fails.</summary>
    public static CliResult RunOk(params string[] args)
    {
        CliResult result = Run(args);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
