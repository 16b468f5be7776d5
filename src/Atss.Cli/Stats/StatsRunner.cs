using System.Diagnostics;
using Atss.Cli.Coco;
using Atss.Cli.Recipe;
using Atss.Cli.Strategies;

namespace Atss.Cli.Stats;

/// <summary>
/// Runs every strategy over every image, one image at a time: each image is prepared once per convention, assigned by
/// each strategy with the allocation-free span overload and one reused workspace, tallied, and dropped. Only the
/// assigner call is timed, after a warm-up (see <see cref="WarmUpPassLimit"/>).
/// </summary>
internal static class StatsRunner
{
    /// <summary>Inputs of at most this many images are assigned twice: an untimed warm-up pass, then the measured pass.</summary>
    public const int WarmUpPassLimit = 2000;

    /// <param name="dataset">The images.</param>
    /// <param name="columns">The strategies.</param>
    /// <param name="progress">Called with (images done, images in total) after each image.</param>
    /// <returns>One statistics object per column.</returns>
    public static AssignmentStatistics[] Run(CocoDataset dataset, IReadOnlyList<AssignmentColumn> columns, Action<int, int>? progress = null)
    {
        var statistics = new AssignmentStatistics[columns.Count];
        var recipes = new List<TrainingRecipe>();
        var recipeOf = new int[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            statistics[c] = new AssignmentStatistics(columns[c].Strides, columns[c].Setup.HasIouThreshold);
            int r = recipes.IndexOf(columns[c].Recipe);
            if (r < 0)
            {
                r = recipes.Count;
                recipes.Add(columns[c].Recipe);
            }

            recipeOf[c] = r;
        }

        var prepared = new PreparedImage[recipes.Count];
        var scratch = new AssignmentScratch();
        ReadOnlySpan<CocoImage> images = dataset.Images;

        // Small inputs get a whole untimed warm-up pass, so tiered JIT has settled before timing; large ones warm up
        // on their first image only (the rest of the pass amortizes the JIT).
        int passes = images.Length <= WarmUpPassLimit ? 2 : 1;
        for (int pass = 0; pass < passes; pass++)
        {
            bool tally = pass == passes - 1;
            for (int i = 0; i < images.Length; i++)
            {
                for (int r = 0; r < recipes.Count; r++)
                {
                    prepared[r] = recipes[r].Prepare(dataset, images[i]);
                }

                for (int c = 0; c < columns.Count; c++)
                {
                    AssignmentColumn column = columns[c];
                    PreparedImage image = prepared[recipeOf[c]];
                    PriorSet priors = column.PriorsFor(image.Size, image.Id, dataset.Source);
                    if (!tally || (passes == 1 && i == 0))
                    {
                        scratch.Assign(column.Assigner, priors, image);
                        if (!tally)
                        {
                            continue;
                        }
                    }

                    long start = Stopwatch.GetTimestamp();
                    scratch.Assign(column.Assigner, priors, image);
                    long ticks = Stopwatch.GetTimestamp() - start;

                    // Crowd regions and, for max-IoU, the band between its thresholds make priors ignored.
                    int ignored = scratch.AssignedGt.Count(AssignmentResult.Ignored);
                    statistics[c].Add(image, priors, scratch.GtStatistics, scratch.Positives, ignored, ticks);
                }

                if (tally)
                {
                    progress?.Invoke(i + 1, images.Length);
                }
            }
        }

        return statistics;
    }
}
