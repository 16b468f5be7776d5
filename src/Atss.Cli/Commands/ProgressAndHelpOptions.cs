using Atss.Cli.CommandLine;

namespace Atss.Cli.Commands;

/// <summary>The options every dataset command takes besides the assignment ones: progress display and help.</summary>
internal sealed class ProgressAndHelpOptions
{
    /// <summary>--progress (true), --no-progress (false), or neither (null: shown when stderr is a terminal and the input is large).</summary>
    public bool? Progress { get; private set; }

    /// <summary>-h / --help.</summary>
    public bool Help { get; private set; }

    /// <summary>Consumes the current option if it is one of these.</summary>
    /// <returns>Whether it was.</returns>
    public bool TryRead(OptionReader reader)
    {
        switch (reader.Name)
        {
            case "--progress":
                Progress = true;
                return true;
            case "--no-progress":
                Progress = false;
                return true;
            case "-h" or "--help":
                Help = true;
                return true;
            default:
                return false;
        }
    }
}
