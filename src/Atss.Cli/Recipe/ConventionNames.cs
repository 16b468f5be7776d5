using Atss.Cli.CommandLine;

namespace Atss.Cli.Recipe;

/// <summary>Command-line names of <see cref="Convention"/> values.</summary>
internal static class ConventionNames
{
    public static string Format(Convention convention) => convention == Convention.Paper ? "paper" : "mmdetection";

    /// <exception cref="UsageException">Neither name.</exception>
    public static Convention Parse(string value, string option) => value.ToLowerInvariant() switch
    {
        "mmdetection" or "mmdet" => Convention.MmDetection,
        "paper" => Convention.Paper,
        _ => throw new UsageException($"option {option}: convention '{value}' is unknown; expected mmdetection or paper."),
    };
}
