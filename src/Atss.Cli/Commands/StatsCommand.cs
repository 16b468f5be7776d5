using System.Diagnostics;
using Atss.Cli.Coco;
using Atss.Cli.Recipe;
using Atss.Cli.Stats;

namespace Atss.Cli.Commands;

/// <summary>
/// <c>atss stats</c>: prepares every image as the chosen training recipe does, assigns it once to warm up and collect
/// statistics, then times further passes with the allocation-free span overload and one reused workspace.
/// </summary>
internal static class StatsCommand
{
    public static int Run(StatsSettings settings, TextWriter output)
    {
        if (settings.Help)
        {
            output.WriteLine(StatsSettings.Usage);
            return 0;
        }

        CocoDataset dataset = settings.AnnotationsPath is null ? CocoAnnotations.LoadEmbedded() : CocoAnnotations.Load(settings.AnnotationsPath);
        TrainingRecipe recipe = TrainingRecipe.Create(settings.Convention, settings.TopK);
        var assigner = new AtssAssigner(recipe.Options);

        var images = new PreparedImage[dataset.Images.Count];
        int maxPriors = 0;
        int maxBoxes = 0;
        for (int i = 0; i < images.Length; i++)
        {
            images[i] = recipe.Prepare(dataset.Images[i], dataset);
            maxPriors = Math.Max(maxPriors, images[i].Priors.Count);
            maxBoxes = Math.Max(maxBoxes, images[i].GtBoxes.Length);
        }

        var buffers = new Buffers(maxPriors, maxBoxes);
        var statistics = new AssignmentStatistics(recipe.Generator.Strides.Length);

        // Warm-up pass: JIT, workspace growth, and the statistics.
        foreach (PreparedImage image in images)
        {
            Assign(assigner, image, buffers);
            statistics.Add(image, buffers.GtStatistics.AsSpan(0, image.GtBoxes.Length), buffers.Workspace.PositiveIndices);
        }

        long positives = 0;
        var stopwatch = Stopwatch.StartNew();
        for (int pass = 0; pass < settings.Repeat; pass++)
        {
            foreach (PreparedImage image in images)
            {
                positives += Assign(assigner, image, buffers);
            }
        }

        stopwatch.Stop();
        if (positives != statistics.Positives * settings.Repeat)
        {
            throw new InvalidOperationException($"The timed passes found {positives} positives, the warm-up pass {statistics.Positives} per pass; assignment must be deterministic.");
        }

        var timing = new Timing(stopwatch.Elapsed, images.Length, settings.Repeat);
        StatsReport.Write(output, dataset, recipe, statistics, timing);
        return 0;
    }

    private static int Assign(AtssAssigner assigner, PreparedImage image, Buffers buffers)
        => assigner.AssignTargets(
            image.Priors,
            image.GtBoxes,
            image.GtLabels,
            image.IgnoreBoxes,
            buffers.Workspace,
            buffers.AssignedGt,
            buffers.Labels,
            buffers.Ious,
            buffers.GtStatistics.AsSpan(0, image.GtBoxes.Length));

    /// <summary>Destinations sized for the largest image, reused for every call.</summary>
    private sealed class Buffers(int maxPriors, int maxBoxes)
    {
        public AssignmentWorkspace Workspace { get; } = new();

        public int[] AssignedGt { get; } = new int[maxPriors];

        public int[] Labels { get; } = new int[maxPriors];

        public float[] Ious { get; } = new float[maxPriors];

        public GtStatistics[] GtStatistics { get; } = new GtStatistics[maxBoxes];
    }
}
