using System.Globalization;
using Atss.Cli.CommandLine;
using Atss.Cli.Recipe;

namespace Atss.Cli.Strategies;

/// <summary>
/// The strategies the tool can run, by name. Adding one is one entry: a name, a summary, and a factory returning its
/// <see cref="PriorAssigner"/>, its standard prior generator and a description, for both conventions.
/// </summary>
/// <remarks>
/// Only strategies the Atss library implements are listed; <c>fcos</c>, <c>retinanet</c> and <c>topk</c> join when
/// their assigners do (a factory each, for example <c>retinanet</c>: a max-IoU assigner on
/// <see cref="AnchorGenerator.RetinaNet"/> / <see cref="LegacyAnchorGenerator.RetinaNet"/>).
/// </remarks>
internal static class StrategyRegistry
{
    public static IReadOnlyList<StrategyEntry> All { get; } =
    [
        new("atss", "Adaptive Training Sample Selection (Zhang et al., CVPR 2020): IoU >= mean + std of the k nearest priors per level", Atss),
    ];

    /// <summary>The entry named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="UsageException">No strategy has that name; the message lists the available ones.</exception>
    public static StrategyEntry Find(string name)
    {
        foreach (StrategyEntry entry in All)
        {
            if (entry.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        throw new UsageException($"unknown strategy '{name}' (available: {AvailableNames}).");
    }

    /// <summary>The registered names, comma-separated.</summary>
    public static string AvailableNames => string.Join(", ", All.Select(e => e.Name));

    private static StrategySetup Atss(StrategyParameters p)
    {
        bool paper = p.Convention == Convention.Paper;
        AtssOptions options = paper ? AtssOptions.OriginalPaper : AtssOptions.MmDetection;
        options = options with { TopK = p.TopK ?? options.TopK, IgnoreIofThreshold = p.IgnoreIof };
        string ignore = p.IgnoreIof is float t ? string.Create(CultureInfo.InvariantCulture, $", ignore IoF > {t}") : "";
        return paper
            ? new StrategySetup(
                new AtssAssigner(options),
                LegacyAnchorGenerator.Atss,
                $"AtssOptions.OriginalPaper (k = {options.TopK} x anchors per location, legacy +1 IoU{ignore}), LegacyAnchorGenerator.Atss priors (strides 8..128, 1 anchor per location)",
                p.IgnoreIof)
            : new StrategySetup(
                new AtssAssigner(options),
                AnchorGenerator.Atss,
                $"AtssOptions.MmDetection (k = {options.TopK} per level, continuous IoU{ignore}), AnchorGenerator.Atss priors (strides 8..128, 1 anchor per location)",
                p.IgnoreIof);
    }
}
