using Atss.Cli.CommandLine;
using Atss.Cli.Recipe;

namespace Atss.Cli.Commands;

/// <summary>Options of <c>atss stats</c>.</summary>
/// <param name="AnnotationsPath">COCO annotation file, or null for the embedded demo file.</param>
/// <param name="TopK">Candidates per level (the assigner's k).</param>
/// <param name="Convention">Which reference pipeline to reproduce.</param>
/// <param name="Repeat">Timed passes over all images after the warm-up pass.</param>
/// <param name="Help">Print the usage and stop.</param>
internal sealed record StatsSettings(string? AnnotationsPath, int TopK, Convention Convention, int Repeat, bool Help)
{
    public const string Usage = """
        Usage: atss stats [options]

        Assigns ATSS training targets for every image of a COCO annotation file, as a training run would
        (resize, pad, priors, boxes), and prints positives per box by COCO size, positives per FPN level,
        boxes left without positives, and the mean assignment time per image.

        Options:
          --annotations FILE   COCO instances JSON (default: the embedded 100-image COCO val2014 subset)
          --topk N             candidates per level, k (default 9)
          --convention NAME    mmdetection (default): MMDetection's ATSS config
                               paper: the paper's code (legacy +1 IoU, k x anchors, its anchors and resize)
          --repeat N           timed passes after the warm-up pass (default 1)
          -h, --help           show this help
        """;

    public static StatsSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new StatsSettings(null, AtssOptions.MmDetection.TopK, Convention.MmDetection, 1, false);
        var reader = new OptionReader(args);
        while (reader.MoveNext())
        {
            settings = reader.Name switch
            {
                "--annotations" => settings with { AnnotationsPath = reader.Value() },
                "--topk" => settings with { TopK = reader.IntValue(1, 100_000) },
                "--convention" => settings with { Convention = ParseConvention(reader.Value()) },
                "--repeat" => settings with { Repeat = reader.IntValue(1, 10_000) },
                "-h" or "--help" => settings with { Help = true },
                _ => throw new UsageException($"unknown option {reader.Name} for 'stats'."),
            };
        }

        return settings;
    }

    private static Convention ParseConvention(string value) => value.ToLowerInvariant() switch
    {
        "mmdetection" or "mmdet" => Convention.MmDetection,
        "paper" => Convention.Paper,
        _ => throw new UsageException($"option --convention is '{value}'; expected mmdetection or paper."),
    };
}
