using System.Globalization;
using Atss.Cli.CommandLine;
using Atss.Cli.Recipe;

namespace Atss.Cli.Strategies;

/// <summary>
/// The strategies the tool can run, by name: ATSS and the strategies the paper compares it with. Each entry is a name,
/// a summary, and a factory returning the library's <see cref="PriorAssigner"/>, its standard prior generator and a
/// description, for both conventions (<c>mmdetection</c>: MMDetection's configs; <c>paper</c>: the ATSS paper's code,
/// whose ablations run every strategy on its single square anchor per location). Adding a strategy is one entry.
/// </summary>
internal static class StrategyRegistry
{
    public static IReadOnlyList<StrategyEntry> All { get; } =
    [
        new("atss", "ATSS (Zhang et al., CVPR 2020): IoU >= mean + std of the k nearest priors per level, centre inside", Atss),
        new("retinanet", "RetinaNet's max-IoU rule: positive at IoU >= 0.5, negative below 0.4, low-quality matches", RetinaNet),
        new("fcos", "FCOS: priors whose point lies inside the box and whose level's size range fits it", Fcos),
        new("topk", "the paper's TOPK baseline: the k best priors by IoU over all levels, centre inside", TopK),
    ];

    /// <summary>The registered names, comma-separated.</summary>
    public static string AvailableNames => string.Join(", ", All.Select(e => e.Name));

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

    private static StrategySetup Atss(StrategyParameters p)
    {
        bool paper = p.Convention == Convention.Paper;
        AtssOptions options = paper ? AtssOptions.OriginalPaper : AtssOptions.MmDetection;
        options = options with { TopK = p.TopK ?? options.TopK, IgnoreIofThreshold = p.IgnoreIof };
        string ignore = IgnoreText(p.IgnoreIof);
        StrategySetup setup = paper
            ? new StrategySetup(
                new AtssAssigner(options),
                LegacyAnchorGenerator.Atss,
                $"AtssOptions.OriginalPaper (k = {options.TopK} x anchors per location, legacy +1 IoU{ignore}), LegacyAnchorGenerator.Atss priors (strides 8..128, 1 anchor per location)")
            : new StrategySetup(
                new AtssAssigner(options),
                AnchorGenerator.Atss,
                $"AtssOptions.MmDetection (k = {options.TopK} per level, continuous IoU{ignore}), AnchorGenerator.Atss priors (strides 8..128, 1 anchor per location)");
        return setup with
        {
            IgnoreIof = p.IgnoreIof,
            IgnoredPriors = p.IgnoreIof is float t
                ? Invariant($"inside crowd regions (IoF > {t})")
                : "none without --ignore-iof T (which ignores priors inside crowd regions)",
        };
    }

    private static StrategySetup RetinaNet(StrategyParameters p)
    {
        bool paper = p.Convention == Convention.Paper;
        MaxIouOptions options = (paper ? MaxIouOptions.OriginalPaper : MaxIouOptions.MmDetection) with { IgnoreIofThreshold = p.IgnoreIof };
        string ignore = IgnoreText(p.IgnoreIof);
        StrategySetup setup = paper
            ? new StrategySetup(
                new MaxIouAssigner(options),
                LegacyAnchorGenerator.Atss,
                $"MaxIouOptions.OriginalPaper (Matcher 0.5 / 0.4, legacy +1 IoU, positives' centres inside by 0.01{ignore}), LegacyAnchorGenerator.Atss priors (the paper's RetinaNet baseline: 1 anchor per location)")
            : new StrategySetup(
                new MaxIouAssigner(options),
                AnchorGenerator.RetinaNet,
                $"MaxIouOptions.MmDetection (positive IoU >= 0.5, negative < 0.4, low-quality matches, continuous IoU{ignore}), AnchorGenerator.RetinaNet priors (strides 8..128, 9 anchors per location)");
        string crowd = p.IgnoreIof is float t ? Invariant($", or inside crowd regions (IoF > {t})") : "";
        return setup with
        {
            IgnoreIof = p.IgnoreIof,
            IgnoredPriors = paper
                ? "best IoU in [0.4, 0.5), or positive with its centre not inside the box by 0.01" + crowd
                : "best IoU in [0.4, 0.5)" + crowd,
        };
    }

    private static StrategySetup Fcos(StrategyParameters p)
    {
        StrategySetup setup = p.Convention == Convention.Paper
            ? new StrategySetup(
                new FcosAssigner(FcosOptions.OriginalPaper),
                LegacyAnchorGenerator.Atss,
                "FcosOptions.OriginalPaper (the paper's SSC: anchor centre inside the box by 0.01, size ranges 64/128/256/512, legacy area), LegacyAnchorGenerator.Atss priors (1 anchor per location)")
            : new StrategySetup(
                new FcosAssigner(FcosOptions.MmDetection),
                PointGenerator.Fcos,
                "FcosOptions.MmDetection (point inside the box, size ranges 64/128/256/512, smallest box wins), PointGenerator.Fcos priors (strides 8..128, points at cell centres)");
        return setup with { HasIouThreshold = false };
    }

    private static StrategySetup TopK(StrategyParameters p)
    {
        int k = p.TopK ?? 9;
        StrategySetup setup = p.Convention == Convention.Paper
            ? new StrategySetup(
                new TopKAssigner(TopKOptions.OriginalPaper with { TopK = k }),
                LegacyAnchorGenerator.Atss,
                $"TopKAssigner (the paper's TOPK: k = {k} over all levels by IoU - d / dmax / 1000, legacy +1 IoU, centre inside by 0.01), LegacyAnchorGenerator.Atss priors (1 anchor per location)")
            : new StrategySetup(
                new TopKAssigner(TopKOptions.OriginalPaper with { TopK = k, BoxConvention = BoxConvention.Continuous }),
                AnchorGenerator.Atss,
                $"TopKAssigner (k = {k} over all levels by IoU - d / dmax / 1000, continuous IoU, centre inside by 0.01; MMDetection has no TOPK, so ATSS's anchors), AnchorGenerator.Atss priors (1 anchor per location)");
        return setup with { HasIouThreshold = false };
    }

    private static string IgnoreText(float? ignoreIof) => ignoreIof is float t ? Invariant($", ignore IoF > {t}") : "";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
