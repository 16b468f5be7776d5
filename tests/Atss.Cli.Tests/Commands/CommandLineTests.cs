using Atss.Cli.Strategies;

namespace Atss.Cli.Tests.Commands;

public class CommandLineTests
{
    [Fact]
    public void Help_ListsCommandsAndEveryExitCode()
    {
        CliResult result = CliRunner.RunOk("help");
        foreach (string text in (string[])["stats", "draw", "generate", "Exit codes", "0   success", "1   an input", "2   the command line", "3   an output", "70  an unexpected"])
        {
            Assert.Contains(text, result.Stdout, StringComparison.Ordinal);
        }

        Assert.Equal(result.Stdout, CliRunner.RunOk("--help").Stdout);
    }

    [Theory]
    [InlineData("stats")]
    [InlineData("draw")]
    [InlineData("generate")]
    public void CommandHelp_ExitCode0AndShowsUsage(string command)
    {
        CliResult result = CliRunner.RunOk(command, "--help");
        Assert.StartsWith($"Usage: atss {command}", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Stats_UnknownStrategy_ExitCode2ListsTheAvailableOnes()
    {
        CliResult result = CliRunner.Run("stats", "--strategy", "atss,nosuch");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown strategy 'nosuch'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"(available: {string.Join(", ", StrategyRegistry.All.Select(e => e.Name))})", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("stats", "--no-such-option")]
    [InlineData("stats", "--topk", "0")]
    [InlineData("stats", "--resize", "800")]
    [InlineData("stats", "--resize", "0,1333")]
    [InlineData("stats", "--ignore-iof", "1.5")]
    [InlineData("stats", "--convention", "detectron")]
    [InlineData("stats", "--strategy", "atss:detectron")]
    [InlineData("stats", "--strategy", "atss,atss")]
    [InlineData("stats", "--annotations")]
    [InlineData("stats", "stray")]
    [InlineData("generate", "--images", "10")]
    public void BadCommandLine_ExitCode2WithAHint(params string[] args)
    {
        CliResult result = CliRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("atss: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Run 'atss help' for usage.", result.Stderr, StringComparison.Ordinal);
        Assert.False(result.HasStackTrace, result.ToString());
    }

    [Fact]
    public void Version_PrintsTheToolVersion()
    {
        CliResult result = CliRunner.RunOk("--version");
        Assert.Matches(@"^atss \d+\.\d+\.\d+", result.Stdout);
    }
}
