using Atss.Cli.CommandLine;

namespace Atss.Cli.Commands;

/// <summary>Options of <c>atss stats</c>.</summary>
internal sealed class StatsSettings
{
    public const string Usage = $"""
        Usage: atss stats [options]

        Assigns training targets for every image of a COCO annotation file, as a training run would (resize, pad,
        priors, boxes), with each strategy, and prints positives per box by COCO size, positives per FPN level,
        boxes left without positives, ignored priors and the assignment time per image (side by side when several
        strategies are given). The file is streamed: COCO train2017 (450 MB) works in bounded memory.

        Options:
        {AssignmentOptions.Usage}
          --json               write a JSON summary to stdout instead of tables
          --progress           always show the progress bar on stderr (default: when stderr is a terminal or
                               the input is large); --no-progress never shows it
          -h, --help           show this help

        Examples:
          atss stats
          atss stats --annotations instances_train2017.json --strategy atss,atss:paper
          atss stats --annotations instances_val2017.json --resize 512,853 --json > stats.json
        """;

    private readonly ProgressAndHelpOptions _progressAndHelp = new();

    public AssignmentOptions Assignment { get; } = new();

    public bool Json { get; private set; }

    public bool? Progress => _progressAndHelp.Progress;

    public bool Help => _progressAndHelp.Help;

    /// <exception cref="UsageException">An unknown option or a bad value.</exception>
    public static StatsSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new StatsSettings();
        var reader = new OptionReader(args);
        while (reader.MoveNext())
        {
            if (settings.Assignment.TryRead(reader) || settings._progressAndHelp.TryRead(reader))
            {
                continue;
            }

            switch (reader.Name)
            {
                case "--json":
                    settings.Json = true;
                    break;
                default:
                    throw new UsageException($"unknown option {reader.Name} for 'stats'.");
            }
        }

        return settings;
    }
}
